"""The office settings screens in real Chromium on a 360 px phone: the admin dinas sets
the letterhead, uploads a logo (shown in the header at once), the signer, the documents and
a closed day with JavaScript off; every settings page passes axe, and the head of office
reads them without a save button."""

from __future__ import annotations

import pytest
from PIL import Image

from pencaker.e2e import conftest as _e2e
from pencaker.e2e import steps
from pencaker.e2e.people import seed_demo_office

assert_accessible = _e2e.assert_accessible
axe = _e2e.axe
nojs_page = _e2e.nojs_page
page = _e2e.page
site_url = _e2e.site_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Kartu-Kuning-2026"  # noqa: S105 - a test person
PAGES = ["", "identitas/", "penandatangan/", "dokumen/", "kalender/", "aturan/"]


def _session_into(page, base: str, user) -> None:
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="auth", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}]
    )


def _fits(page, label: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{label} is {width} px wide"


def _save(page, action: str) -> None:
    steps.submit(
        page, page.locator(f"main form:has(input[name=action][value={action}]) button").first
    )


def _logo(tmp_path) -> str:
    path = tmp_path / "logo.png"
    Image.new("RGB", (320, 320), (10, 120, 60)).save(path, "PNG")
    return str(path)


def test_admin_sets_up_the_office_without_javascript(
    nojs_page, page, live_server, site_url, assert_accessible, tmp_path
):
    from pencaker.accounts.models import Role, User
    from pencaker.offices.models import Office, OfficeClosure

    seed_demo_office()
    office = Office.objects.get(code="16.71")
    admin = User.objects.create_user(
        email="admin@disnaker.example.go.id",
        password=PASSWORD,
        role=Role.ADMIN_DINAS,
        office=office,
        full_name="Admin Dinas",
    )
    head = User.objects.create_user(
        email="kepala@disnaker.example.go.id",
        password=PASSWORD,
        role=Role.PIMPINAN,
        office=office,
        full_name="Kepala Dinas",
    )
    base = f"{site_url}/kantor/pengaturan/"

    # --- without JavaScript: every form works ------------------------------------------
    _session_into(nojs_page, site_url, admin)
    nojs_page.goto(base + "identitas/")
    nojs_page.get_by_label("Kop surat, baris pertama").fill("PEMERINTAH KOTA PRABUMULIH")
    nojs_page.get_by_label("Nomor WhatsApp").fill("0812 7000 1000")
    nojs_page.get_by_label("Tautan peta").fill("bukan tautan")
    _save(nojs_page, "save")
    assert "https://" in nojs_page.locator(".field-error").first.inner_text()
    nojs_page.get_by_label("Tautan peta").fill("https://maps.example.org/?q=prabumulih")
    _save(nojs_page, "save")
    assert "Data kantor tersimpan" in nojs_page.content()
    nojs_page.get_by_label("Logo (JPG atau PNG)").set_input_files(_logo(tmp_path))
    _save(nojs_page, "logo")
    assert nojs_page.locator("header .brand-logo").count() == 1

    nojs_page.goto(base + "penandatangan/")
    nojs_page.get_by_label("Nama pejabat penanda tangan").fill("Drs. Budi Santoso")
    nojs_page.get_by_label("NIP pejabat penanda tangan").fill("1970 0101")
    steps.submit(nojs_page, nojs_page.locator("main form button[type=submit]").first)
    assert "18 angka" in nojs_page.locator(".field-error").first.inner_text()
    nojs_page.get_by_label("NIP pejabat penanda tangan").fill("197001011995031002")
    steps.submit(nojs_page, nojs_page.locator("main form button[type=submit]").first)
    assert "Pejabat penanda tangan tersimpan" in nojs_page.content()

    nojs_page.goto(base + "dokumen/")
    nojs_page.get_by_label("Terima SIM sebagai pengganti KTP").check()
    steps.submit(nojs_page, nojs_page.locator("main form button[type=submit]").first)
    assert "Daftar dokumen tersimpan" in nojs_page.content()

    nojs_page.goto(base + "kalender/")
    nojs_page.get_by_label("Tutup pada tanggal").fill("2026-06-17")
    nojs_page.get_by_label("Alasan").fill("Hari jadi kota")
    _save(nojs_page, "closure_add")
    assert "Hari tutup ditambahkan" in nojs_page.content()
    _fits(nojs_page, "the calendar page")

    office.refresh_from_db()
    assert office.letterhead_line1 == "PEMERINTAH KOTA PRABUMULIH"
    assert office.signer_nip == "197001011995031002"
    assert office.required_documents[0] == "ktp|sim"
    assert office.logo_version
    assert OfficeClosure.objects.filter(office=office, reason="Hari jadi kota").exists()

    # --- every page passes axe at 360 px, for the admin and the head of office ----------
    _session_into(page, site_url, admin)
    for path in PAGES:
        page.goto(base + path)
        assert_accessible(page, label=f"settings {path or 'index'} (admin)")
        _fits(page, path or "index")
    _session_into(page, site_url, head)
    for path in PAGES:
        page.goto(base + path)
        assert page.locator("main button[type=submit]").count() == 0
        assert_accessible(page, label=f"settings {path or 'index'} (pimpinan)")
