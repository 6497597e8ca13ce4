from django.urls import path

from pencaker.events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/daftar/", views.register, name="register"),
    path("saya/", views.my_registrations, name="mine"),
    path("tiket/<int:pk>/", views.ticket, name="ticket"),
    path("tiket/<int:pk>/batal/", views.cancel, name="cancel"),
    path("petugas/", views.staff_list, name="staff_list"),
    path("petugas/baru/", views.staff_create, name="staff_create"),
    path("petugas/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("petugas/<int:pk>/ubah/", views.staff_edit, name="staff_edit"),
    path("petugas/<int:pk>/pemberi-kerja/", views.staff_employers, name="staff_employers"),
    path("petugas/<int:pk>/masuk/", views.checkin, name="checkin"),
    path("pemberi-kerja/", views.employer_events, name="employer_events"),
    path("pemberi-kerja/<int:pk>/lapor/", views.employer_hire, name="employer_hire"),
]
