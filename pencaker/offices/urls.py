from django.urls import path

from pencaker.offices import views, views_installation

app_name = "offices"

urlpatterns: list = [
    path("pengaturan/", views.index, name="settings"),
    path("pengaturan/identitas/", views.identity, name="settings_identity"),
    path("pengaturan/penandatangan/", views.signer, name="settings_signer"),
    path("pengaturan/dokumen/", views.documents, name="settings_documents"),
    path("pengaturan/kalender/", views.calendar, name="settings_calendar"),
    path("pengaturan/aturan/", views.rules, name="settings_rules"),
    path("instalasi/", views_installation.offices, name="installation"),
    path("logo/<int:pk>/<slug:version>/", views.logo, name="logo"),
]
