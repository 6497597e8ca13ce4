from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("akun/", include("pencaker.accounts.urls")),
    path("wilayah/", include("pencaker.regions.urls")),
    path("profil/", include("pencaker.seekers.urls")),
    path("dokumen/", include("pencaker.documents.urls")),
    path("pemberi-kerja/", include("pencaker.employers.urls")),
    path("lowongan/", include("pencaker.vacancies.urls")),
    path("kantor/", include("pencaker.offices.urls")),
    path("permohonan/", include("pencaker.applications.urls")),
    path("survei/", include("pencaker.surveys.urls")),
    path("kartu/", include("pencaker.cards.urls")),
    path("lapor/", include("pencaker.lifecycle.urls")),
    path("laporan/", include("pencaker.reporting.urls")),
    path(".well-known/pencaker-keys.json", include("pencaker.cards.urls_well_known")),
    path("api/v1/", include("pencaker.api.urls")),
    path("", include("pencaker.public.urls")),
]
