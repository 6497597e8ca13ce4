from django.urls import path

from pencaker.vacancies import views

app_name = "vacancies"

urlpatterns = [
    path("", views.board, name="board"),
    path("feed.atom", views.AtomFeed(), name="feed_atom"),
    path("feed.json", views.json_feed, name="feed_json"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/cetak/", views.announcement, name="announcement"),
    path("<int:pk>/lamar/", views.apply, name="apply"),
    path("lamaran-saya/", views.my_applications, name="my_applications"),
    path("lamaran/<int:pk>/tarik/", views.withdraw, name="withdraw"),
    path("pemberi-kerja/", views.employer_list, name="employer_list"),
    path("pemberi-kerja/baru/", views.employer_create, name="employer_create"),
    path("pemberi-kerja/<int:pk>/", views.employer_detail, name="employer_detail"),
    path("pemberi-kerja/<int:pk>/ubah/", views.employer_edit, name="employer_edit"),
    path("pemberi-kerja/<int:pk>/kirim/", views.employer_submit, name="employer_submit"),
    path("pemberi-kerja/<int:pk>/tutup/", views.employer_close, name="employer_close"),
    path(
        "pemberi-kerja/lamaran/<int:pk>/",
        views.employer_application,
        name="employer_application",
    ),
    path("pemberi-kerja/lapor-diterima/", views.employer_hire_report, name="employer_hire_report"),
    path("laporan-diterima/<int:pk>/benar/", views.hire_report_confirm, name="hire_report_confirm"),
    path("laporan-diterima/<int:pk>/tolak/", views.hire_report_decline, name="hire_report_decline"),
    path("petugas/", views.queue, name="queue"),
    path("petugas/<int:pk>/", views.review, name="review"),
    path(
        "petugas/pemberi-kerja/<int:organisation_id>/",
        views.staff_employer,
        name="staff_employer",
    ),
    path("petugas/<int:pk>/tayangkan/", views.publish, name="publish"),
    path("petugas/<int:pk>/kembalikan/", views.return_for_changes, name="return"),
]
