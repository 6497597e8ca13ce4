from django.urls import path

from pencaker.training import views_running as views

app_name = "training_running_staff"

urlpatterns = [
    path("gelombang/<int:pk>/", views.staff_wave, name="wave"),
    path("gelombang/<int:pk>/selesai/", views.staff_complete, name="complete"),
    path("sesi/<int:pk>/", views.staff_session, name="session"),
    path("program/<int:pk>/laporan/", views.staff_report, name="report"),
    path("program/<int:pk>/tunjangan.csv", views.staff_allowance_csv, name="allowance_csv"),
]
