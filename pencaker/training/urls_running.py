from django.urls import path

from pencaker.training import views_running as views

app_name = "training_running"

urlpatterns = [
    path("<int:pk>/", views.participation, name="participation"),
    path("<int:pk>/nilai/", views.rate, name="rate"),
    path("<int:pk>/sertifikat.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("hadir/<str:token>/", views.attend, name="attend"),
    path("tindak-lanjut/<int:pk>/", views.follow_up, name="follow_up"),
]
