from django.urls import path

from pencaker.public import views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("panduan/", views.guide, name="guide"),
    path("panduan/cetak/", views.guide_print, name="guide_print"),
    path("panduan/poster/", views.guide_poster, name="guide_poster"),
    path("petugas/gaya/", views.design_system, name="design_system"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
]
