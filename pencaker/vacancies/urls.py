from django.urls import path

from pencaker.vacancies import views

app_name = "vacancies"

urlpatterns = [
    path("", views.board, name="board"),
    path("feed.atom", views.AtomFeed(), name="feed_atom"),
    path("feed.json", views.json_feed, name="feed_json"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/lamar/", views.apply, name="apply"),
    path("lamaran-saya/", views.my_applications, name="my_applications"),
    path("lamaran/<int:pk>/tarik/", views.withdraw, name="withdraw"),
    path("pemberi-kerja/<int:pk>/", views.employer_detail, name="employer_detail"),
    path("petugas/", views.queue, name="queue"),
]
