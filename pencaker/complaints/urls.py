from django.urls import path

from pencaker.complaints import views

app_name = "complaints"

urlpatterns = [
    path("", views.submit, name="submit"),
    path("lacak/", views.track, name="track"),
    path("lacak/<str:number>/<str:secret>/", views.status, name="status"),
    path("statistik/", views.stats, name="stats"),
    path("staf/", views.staff_queue, name="staff_queue"),
    path("staf/baru/", views.staff_new, name="staff_new"),
    path("staf/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staf/ekspor.<str:fmt>", views.staff_export, name="staff_export"),
    path("staf/pengaturan/", views.staff_settings, name="staff_settings"),
]
