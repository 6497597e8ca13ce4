from django.urls import path

from pencaker.training import views

app_name = "training_staff"

urlpatterns = [
    path("", views.staff_list, name="list"),
    path("baru/", views.staff_programme_form, name="programme_create"),
    path("<int:pk>/", views.staff_programme, name="programme"),
    path("<int:pk>/ubah/", views.staff_programme_form, name="programme_edit"),
    path("<int:pk>/status/", views.staff_programme_move, name="programme_move"),
    path("<int:programme_pk>/gelombang/baru/", views.staff_wave_form, name="wave_create"),
    path("gelombang/<int:pk>/", views.staff_wave, name="wave"),
    path("gelombang/<int:pk>/ubah/", views.staff_wave_form, name="wave_edit"),
    path("gelombang/<int:pk>/status/", views.staff_wave_move, name="wave_move"),
    path("gelombang/<int:pk>/sesi/", views.staff_session_add, name="session_add"),
    path("gelombang/<int:pk>/nilai/", views.staff_scores, name="scores"),
]
