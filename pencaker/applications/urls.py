from django.urls import path

from pencaker.applications import views

app_name = "applications"

urlpatterns = [
    path("", views.start, name="start"),
    path("periksa/", views.check, name="check"),
    path("petugas/", views.queue, name="queue"),
    path("petugas/kinerja/", views.dashboard, name="dashboard"),
    path("petugas/daftar-dibantu/", views.assisted_registration, name="assisted"),
    path(
        "petugas/daftar-dibantu/<int:pk>/kode-baru/",
        views.counter_code_new,
        name="counter_code_new",
    ),
    path("petugas/alasan-pengembalian/", views.return_reasons, name="reasons"),
    path("petugas/pindah-kantor/", views.transfers, name="transfers"),
    path("petugas/pindah-kantor/<int:pk>/", views.transfer_decide, name="transfer_decide"),
    path("petugas/<int:pk>/", views.review, name="review"),
    path(
        "petugas/<int:pk>/pratinjau-kartu/sisi-<str:side>.png",
        views.card_preview,
        name="card_preview",
    ),
    path("petugas/<int:pk>/ambil/", views.claim, name="claim"),
    path("petugas/<int:pk>/lepas/", views.release, name="release"),
    path("petugas/<int:pk>/alihkan/", views.reassign, name="reassign"),
    path("petugas/<int:pk>/setujui/", views.approve, name="approve"),
    path("petugas/<int:pk>/kembalikan/", views.return_for_changes, name="return"),
    path("petugas/<int:pk>/tolak/", views.reject, name="reject"),
    path("perpanjang/", views.renew, name="renew"),
    path("<str:tracking_number>/", views.detail, name="detail"),
    path("<str:tracking_number>/kirim-ulang/", views.resubmit, name="resubmit"),
    path("<str:tracking_number>/batalkan/", views.withdraw, name="withdraw"),
]
