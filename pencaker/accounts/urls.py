from django.contrib.auth import views as auth_views
from django.urls import path

from pencaker.accounts import views

app_name = "accounts"

urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("daftar/", views.signup, name="signup"),
    path("daftar/selesai/", views.signup_done, name="signup_done"),
    path("daftar/telepon/", views.signup_phone, name="signup_phone"),
    path("daftar/telepon/kode/", views.signup_phone_code, name="signup_phone_code"),
    path("lupa-sandi/telepon/", views.password_reset_phone, name="password_reset_phone"),
    path(
        "lupa-sandi/telepon/kode/",
        views.password_reset_phone_code,
        name="password_reset_phone_code",
    ),
    path("atur-sandi/kode-loket/", views.counter_password, name="counter_password"),
    path("verifikasi/kirim-ulang/", views.resend_verification, name="resend_verification"),
    path("verifikasi/<str:token>/", views.verify_email, name="verify_email"),
    path("beranda/", views.landing, name="landing"),
    path("email/", views.email_add, name="email_add"),
    path("dua-langkah/", views.two_factor, name="two_factor"),
    path("lupa-sandi/", views.password_reset, name="password_reset"),
    path("lupa-sandi/terkirim/", views.password_reset_done, name="password_reset_done"),
    path(
        "atur-sandi/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("atur-sandi/selesai/", views.password_reset_complete, name="password_reset_complete"),
    path("ganti-sandi/", views.password_change, name="password_change"),
    path("ganti-sandi/selesai/", views.password_change_done, name="password_change_done"),
    path("petugas/", views.staff_home, name="staff_home"),
    path("petugas/akun/", views.staff_list, name="staff_list"),
    path("petugas/akun/baru/", views.staff_create, name="staff_create"),
    path(
        "petugas/akun/<int:staff_id>/nonaktifkan/",
        views.staff_deactivate,
        name="staff_deactivate",
    ),
    path(
        "petugas/akun/<int:staff_id>/nonaktifkan/konfirmasi/",
        views.staff_deactivate_confirm,
        name="staff_deactivate_confirm",
    ),
    path("petugas/akun/<int:staff_id>/aktifkan/", views.staff_reactivate, name="staff_reactivate"),
    path(
        "petugas/akun/<int:staff_id>/reset-dua-langkah/",
        views.staff_reset_two_factor,
        name="staff_reset_two_factor",
    ),
]
