from django.urls import path

from pencaker.training import views

app_name = "training"

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("<int:pk>/", views.programme_detail, name="detail"),
    path("gelombang/<int:pk>/", views.wave_page, name="wave"),
    path("saya/", views.my_registrations, name="mine"),
    path("pendaftaran/<int:pk>/tarik/", views.withdraw, name="withdraw"),
    path("pendaftaran/<int:pk>/konfirmasi/", views.confirm, name="confirm"),
    path("undian/", views.draw_index, name="draw_index"),
    path("undian/<int:pk>/", views.draw_page, name="draw"),
    path("undian/<int:pk>/undian.json", views.draw_json, name="draw_json"),
]
