"""The profile pages in real Chromium on a phone-sized screen: they work without
JavaScript, mistakes are explained next to the field, axe-core finds nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from pencaker.accounts.models import Role
from pencaker.seekers.models import JobSeekerProfile
from pencaker.seekers.tests.factories import CompleteProfileFactory, nik_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user, *, otp: bool = False) -> None:
    client = Client()
    client.force_login(user)
    if otp:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device, _ = TOTPDevice.objects.get_or_create(user=user, name="default", confirmed=True)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    host = live_server.url.split("//", 1)[1].split(":")[0]
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "domain": host,
                "path": "/",
            }
        ]
    )


def test_job_seeker_fills_the_profile_without_javascript(
    nojs_page, live_server, seeker, village, office
):
    page = nojs_page
    log_in(page, live_server, seeker)
    page.goto(live_server.url + "/profil/")
    assert page.get_by_role("heading", name="Masih kurang").is_visible()

    page.get_by_role("link", name="Identitas: NIK").click()
    fill_identity(page, birth_date="1995-08-18")
    page.get_by_role("button", name="Simpan").click()
    error = page.locator("#id_nik_error").inner_text()
    assert "Tanggal lahir di NIK (17-08-1995) tidak sama" in error
    assert page.locator(".error-summary").is_visible()

    page.get_by_label("Tanggal lahir").fill("1995-08-17")
    page.get_by_role("button", name="Simpan").click()
    assert page.get_by_text("Tersimpan.").is_visible()

    page.goto(live_server.url + "/profil/alamat/")
    page.get_by_label("Jalan dan nomor rumah").fill("Jl. Kenanga 3")
    for label, value in [
        ("Provinsi", "16"),
        ("Kabupaten/Kota", "16.71"),
        ("Kecamatan", "16.71.01"),
    ]:
        page.get_by_label(label).select_option(value)
        page.get_by_role("button", name="Tampilkan pilihan berikutnya").click()
    page.get_by_label("Kelurahan/Desa").select_option(village.code)
    page.get_by_role("button", name="Simpan").click()
    assert page.get_by_text("Tersimpan.").is_visible()
    assert JobSeekerProfile.objects.get(user=seeker).office == office

    page.goto(live_server.url + "/profil/pendidikan/")
    page.get_by_label("Jenjang").select_option("SMK")
    page.get_by_label("Nama sekolah atau kampus").fill("SMK Negeri 2 Bandung")
    page.get_by_label("Tahun lulus").fill("2013")
    page.locator("main form[aria-labelledby=add-title]").get_by_role("button").click()
    assert "SMK Negeri 2 Bandung (2013)" in page.locator(".entries").inner_text()


def fill_identity(page, *, birth_date: str) -> None:
    import datetime as dt

    nik = nik_for(district_code="32.73.01", birth_date=dt.date(1995, 8, 17), sex="F", serial=12)
    page.get_by_label("NIK").fill(nik)
    page.get_by_label("Nama sesuai KTP").fill("Siti Aminah")
    page.get_by_label("Tempat lahir").fill("Bandung")
    page.get_by_label("Tanggal lahir").fill(birth_date)
    page.get_by_label("Jenis kelamin").select_option("F")


def test_profile_pages_pass_axe(page, live_server, seeker, village, office, assert_accessible):
    log_in(page, live_server, seeker)
    for path in [
        "",
        "alamat/",
        "kontak/",
        "pendidikan/",
        "pelatihan/",
        "pengalaman/",
        "keahlian/",
        "bahasa/",
        "preferensi/",
        "disabilitas/",
        "riwayat/",
        "unduh-data/",
    ]:
        page.goto(live_server.url + "/profil/" + path)
        assert_accessible(page, label=path or "overview")

    page.goto(live_server.url + "/profil/identitas/")
    assert_accessible(page, label="identity")
    fill_identity(page, birth_date="1995-08-18")
    page.get_by_role("button", name="Simpan").click()
    assert page.locator("#id_nik_error").is_visible()
    assert_accessible(page, label="identity with an error")


def test_staff_pages_are_accessible(page, live_server, user_factory, office, assert_accessible):
    CompleteProfileFactory(office=office, full_name="Warga Palembang")
    operator = user_factory(role=Role.OPERATOR, office=office)
    log_in(page, live_server, operator, otp=True)
    page.goto(live_server.url + "/profil/staf/")
    assert_accessible(page, label="staff list")
    page.get_by_role("link", name="Warga Palembang").click()
    assert page.get_by_role("heading", name="Warga Palembang").is_visible()
    assert_accessible(page, label="staff detail")
    page.goto(live_server.url + "/profil/staf/konflik-nik/")
    assert_accessible(page, label="nik conflicts")
