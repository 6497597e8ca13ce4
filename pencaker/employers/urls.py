from django.urls import path

from pencaker.employers import views

app_name = "employers"

urlpatterns = [
    path("", views.home, name="home"),
    path("daftar/", views.signup, name="signup"),
    path("organisasi/daftar/", views.register, name="register"),
    path("organisasi/ubah/", views.edit, name="edit"),
    path("anggota/undang/", views.member_invite, name="member_invite"),
    path("anggota/<int:membership_id>/hapus/", views.member_remove, name="member_remove"),
    path("petugas/", views.queue, name="queue"),
    path("petugas/<int:pk>/", views.review, name="review"),
    path("petugas/<int:pk>/dokumen/", views.document, name="document"),
    path("petugas/<int:pk>/verifikasi/", views.verify, name="verify"),
    path("petugas/<int:pk>/kembalikan/", views.return_for_changes, name="return"),
    path("petugas/<int:pk>/tolak/", views.reject, name="reject"),
]
