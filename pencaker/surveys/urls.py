from django.urls import path

from pencaker.surveys import views

app_name = "surveys"

urlpatterns = [
    path("isi/<str:token>/", views.answer, name="answer"),
    path("terima-kasih/", views.thanks, name="thanks"),
    path("kios/", views.kiosk, name="kiosk"),
    path("kios/mulai/", views.kiosk_start, name="kiosk_start"),
    path("kios/selesai/", views.kiosk_stop, name="kiosk_stop"),
    path("periode/", views.period_list, name="period_list"),
    path("periode/<int:pk>/", views.results, name="results"),
    path("periode/<int:pk>/terbitkan/", views.publish, name="publish"),
    path("periode/<int:pk>/kertas/", views.paper_entry, name="paper_entry"),
    path("hasil/", views.public_results, name="public_results"),
]
