from django.urls import path

from pencaker.counter import views

app_name = "counter"

urlpatterns = [
    path("", views.book, name="book"),
    path("tiket/<str:token>/", views.ticket, name="ticket"),
    path("layar/<str:code>/", views.display, name="display"),
    path("kios/", views.kiosk, name="kiosk"),
    path("kios/mulai/", views.kiosk_start, name="kiosk_start"),
    path("kios/selesai/", views.kiosk_stop, name="kiosk_stop"),
    path("petugas/", views.queue, name="queue"),
    path("petugas/panggil/", views.call_next, name="call_next"),
    path("petugas/<int:pk>/selesai/", views.finish, name="finish"),
    path("petugas/angka/", views.figures, name="figures"),
]
