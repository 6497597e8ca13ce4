from django.urls import path

from pencaker.training import views_running as views

app_name = "certificates"

urlpatterns = [
    path("cek/", views.certificate_verify, name="verify"),
    path("v/<str:token>", views.certificate_verify_token, name="verify_token"),
]
