from django.urls import path

from pencaker.lifecycle import views

app_name = "lifecycle"

urlpatterns = [
    path("", views.home, name="home"),
    path("bekerja/", views.placement, name="placement"),
    path("bekerja/ubah/", views.placement_correct, name="placement_correct"),
    path("bekerja/sanggah/", views.placement_dispute, name="placement_dispute"),
    path("petugas/", views.staff_card, name="staff_card"),
    path("petugas/pengaturan/", views.staff_settings, name="staff_settings"),
    path("petugas/<str:number>/lapor/", views.staff_report, name="staff_report"),
    path("petugas/<str:number>/bekerja/", views.staff_placement, name="staff_placement"),
    path(
        "petugas/<str:number>/bekerja/ubah/",
        views.staff_placement_correct,
        name="staff_placement_correct",
    ),
    path(
        "petugas/<str:number>/sanggahan/<int:pk>/",
        views.staff_dispute_resolve,
        name="staff_dispute_resolve",
    ),
]
