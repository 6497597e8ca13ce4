from django.urls import path

from pencaker.info import views

app_name = "info"

urlpatterns = [
    path("berita/", views.announcement_list, name="announcements"),
    path("berita/feed.atom", views.AnnouncementFeed(), name="feed"),
    path("berita/<int:pk>/", views.announcement_detail, name="announcement"),
    path("berita/<int:pk>/gambar", views.announcement_image, name="announcement_image"),
    path("faq/", views.faq, name="faq"),
    path("profil-dinas/", views.office_profile, name="office"),
    path("standar-pelayanan/", views.service_standard, name="standard"),
    path("informasi/kelola/", views.manage, name="manage"),
    path("informasi/kelola/berita/baru/", views.announcement_edit, name="announcement_new"),
    path("informasi/kelola/berita/<int:pk>/", views.announcement_edit, name="announcement_edit"),
    path(
        "informasi/kelola/berita/<int:pk>/tarik/",
        views.announcement_unpublish,
        name="announcement_unpublish",
    ),
    path("informasi/kelola/faq/baru/", views.faq_edit, name="faq_new"),
    path("informasi/kelola/faq/<int:pk>/", views.faq_edit, name="faq_edit"),
    path("informasi/kelola/pengaturan/", views.settings_edit, name="settings"),
]
