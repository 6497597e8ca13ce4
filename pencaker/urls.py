from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django_otp.admin import OTPAdminSite

# /admin/ shows every office's data: it asks for a TOTP code as well as the password, and
# is mounted only where PENCAKER_ADMIN_ENABLED is on (off in production by default).
admin.site.__class__ = OTPAdminSite

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("akun/", include("pencaker.accounts.urls")),
    path("wilayah/", include("pencaker.regions.urls")),
    path("profil/", include("pencaker.seekers.urls")),
    path("dokumen/", include("pencaker.documents.urls")),
    path("pemberi-kerja/", include("pencaker.employers.urls")),
    path("lowongan/", include("pencaker.vacancies.urls")),
    path("pelatihan/ikut/", include("pencaker.training.urls_running")),
    path("petugas/pelatihan/berjalan/", include("pencaker.training.urls_running_staff")),
    path("sertifikat/", include("pencaker.training.urls_certificates")),
    path("pelatihan/", include("pencaker.training.urls")),
    path("petugas/pelatihan/", include("pencaker.training.urls_staff")),
    path("acara/", include("pencaker.events.urls")),
    path("cocok/", include("pencaker.matching.urls")),
    path("kantor/", include("pencaker.offices.urls")),
    path("permohonan/", include("pencaker.applications.urls")),
    path("survei/", include("pencaker.surveys.urls")),
    path("antrian/", include("pencaker.counter.urls")),
    path("kartu/", include("pencaker.cards.urls")),
    path("lapor/", include("pencaker.lifecycle.urls")),
    path("laporan/", include("pencaker.reporting.urls")),
    path("pertukaran/", include("pencaker.exchange.urls")),
    path("pengaduan/", include("pencaker.complaints.urls")),
    path("", include("pencaker.info.urls")),
    path(".well-known/pencaker-keys.json", include("pencaker.cards.urls_well_known")),
    path(".well-known/pencaker-status.json", include("pencaker.cards.urls_status")),
    path("api/v1/", include("pencaker.api.urls")),
    path("", include("pencaker.public.urls")),
]

if settings.PENCAKER_ADMIN_ENABLED:
    urlpatterns.insert(1, path("admin/", admin.site.urls))

handler400 = "pencaker.public.error_pages.bad_request"
handler403 = "pencaker.public.error_pages.permission_denied"
handler404 = "pencaker.public.error_pages.page_not_found"
handler500 = "pencaker.public.error_pages.server_error"
