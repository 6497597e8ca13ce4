"""Done-when (issue 17, first half of the first line) in real Chromium on a 360 px phone:
an installation administrator logs in with password and TOTP and creates a second office
(Kota Prabumulih, Kemendagri code 16.74) with its admin dinas; that admin follows the
invitation link, chooses a password, sets up TOTP, and sets the letterhead, the signer, the
required documents and a closure day from the existing settings screens (JavaScript off);
a card issued there shows the new letterhead and signer (pdftotext), and the SLA skips
the closure day. axe runs on the installation page."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from zoneinfo import ZoneInfo

import pytest

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
ADMIN_PASSWORD = "Prabu-Kuning-88"  # noqa: S105 - a test person
WIB = ZoneInfo("Asia/Jakarta")


@pytest.fixture(autouse=True)
def _card_data_dir(settings, tmp_path):
    from pencaker.cards import signing

    settings.DATA_DIR = tmp_path / "data"
    signing._cache.clear()
    yield
    signing._cache.clear()


def _code(device) -> str:
    from django_otp.oath import totp

    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{value:0{device.digits}d}"


def _log_in(page, base: str, email: str, password: str) -> None:
    page.goto(steps.url(base, "accounts:login"))
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    steps.submit(page, page.locator("main form button[type=submit]"))


def _two_factor(page, user) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    assert "/akun/" in page.url
    device = TOTPDevice.objects.filter(user=user).order_by("-id").first()
    assert device is not None, "the two-factor page made no device"
    page.fill("#id_code", _code(device))
    steps.submit(page, page.locator("main form button[type=submit]").first)


def _pdf_text(card) -> str:
    with card.pdf.open("rb") as handle:
        content = handle.read()
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return result.stdout.decode()


def test_an_installation_admin_adds_prabumulih_and_its_admin_sets_it_up(
    nojs_page, page, live_server, site_url, assert_accessible
):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from pencaker.accounts.models import Role, User
    from pencaker.applications import intake
    from pencaker.applications.models import Application
    from pencaker.applications.sla import initial_due_at
    from pencaker.cards.services import card_issue
    from pencaker.notifications.models import Notification
    from pencaker.offices.models import Office
    from pencaker.seekers.tests.factories import CompleteProfileFactory

    seed_demo_office()
    installer = User.objects.create_user(
        email="instalasi@pencaker.example.go.id",
        password=PASSWORD,
        role=Role.INSTALLATION_ADMIN,
        full_name="Admin Instalasi",
    )
    TOTPDevice.objects.create(user=installer, name="Authenticator", confirmed=True)

    # --- the installation administrator: password, then TOTP, then the offices page -----
    _log_in(page, site_url, installer.email, PASSWORD)
    _two_factor(page, installer)
    assert page.url.endswith("/kantor/instalasi/"), page.url
    assert_accessible(page, label="installation offices page")
    page.get_by_label("Kode Kemendagri").fill("16.74")
    page.get_by_label("Nama admin dinas").fill("Dewi Kartika")
    page.get_by_label("Email admin dinas").fill("dewi@prabumulih.example.go.id")
    steps.submit(page, page.locator("main form button[type=submit]"))
    assert "Dinas Tenaga Kerja Kota Prabumulih ditambahkan" in page.content()
    assert page.locator("main table").get_by_text("Dinas Tenaga Kerja Kota Prabumulih").count()
    assert_accessible(page, label="installation offices page after adding")
    office = Office.objects.get(code="16.74")
    assert (office.kind, office.time_zone) == ("kabkota", "Asia/Jakarta")

    # --- the new admin dinas: invitation link, password, TOTP set-up (JavaScript off) ---
    invitation = Notification.objects.get(
        kind="account.staff_invitation", recipient="dewi@prabumulih.example.go.id"
    )
    link = re.search(r"https?://\S+", invitation.body).group(0)
    nojs_page.goto(site_url + "/" + link.split("://", 1)[1].split("/", 1)[1])
    nojs_page.fill("#id_new_password1", ADMIN_PASSWORD)
    nojs_page.fill("#id_new_password2", ADMIN_PASSWORD)
    steps.submit(nojs_page, nojs_page.locator("main form button[type=submit]"))
    admin = User.objects.get(email="dewi@prabumulih.example.go.id")
    assert admin.check_password(ADMIN_PASSWORD)
    assert (admin.role, admin.office_id) == (Role.ADMIN_DINAS, office.pk)
    _log_in(nojs_page, site_url, admin.email, ADMIN_PASSWORD)
    _two_factor(nojs_page, admin)  # the first login sets up the authenticator
    assert TOTPDevice.objects.filter(user=admin, confirmed=True).exists()

    base = f"{site_url}/kantor/pengaturan/"
    nojs_page.goto(base + "identitas/")
    nojs_page.get_by_label("Kop surat, baris pertama").fill("PEMERINTAH KOTA PRABUMULIH")
    nojs_page.get_by_label("Kop surat, baris kedua").fill("DINAS TENAGA KERJA DAN TRANSMIGRASI")
    steps.submit(
        nojs_page, nojs_page.locator("main form:has(input[name=action][value=save]) button")
    )
    assert "Data kantor tersimpan" in nojs_page.content()

    nojs_page.goto(base + "penandatangan/")
    nojs_page.get_by_label("Nama pejabat penanda tangan").fill("Drs. Hendra Wijaya")
    nojs_page.get_by_label("NIP pejabat penanda tangan").fill("197503152000031004")
    nojs_page.get_by_label("Jabatan pejabat penanda tangan").fill("Kepala Dinas")
    steps.submit(nojs_page, nojs_page.locator("main form button[type=submit]").first)
    assert "Pejabat penanda tangan tersimpan" in nojs_page.content()

    nojs_page.goto(base + "dokumen/")
    nojs_page.get_by_label("Terima SIM sebagai pengganti KTP").check()
    steps.submit(nojs_page, nojs_page.locator("main form button[type=submit]").first)
    assert "Daftar dokumen tersimpan" in nojs_page.content()

    nojs_page.goto(base + "kalender/")
    nojs_page.get_by_label("Tutup pada tanggal").fill("2026-03-03")
    nojs_page.get_by_label("Alasan").fill("Hari jadi Kota Prabumulih")
    steps.submit(
        nojs_page,
        nojs_page.locator("main form:has(input[name=action][value=closure_add]) button"),
    )
    assert "Hari tutup ditambahkan" in nojs_page.content()

    office.refresh_from_db()
    assert office.required_documents[0] == "ktp|sim"

    # --- the SLA skips the closure day: Monday 2 March 2026 09:00 + 1 working day is
    # Wednesday 4 March (Tuesday the 3rd is closed in Prabumulih) --------------------------
    submitted = dt.datetime(2026, 3, 2, 9, 0, tzinfo=WIB)
    assert initial_due_at(office, submitted).astimezone(WIB).date() == dt.date(2026, 3, 4)
    palembang = Office.objects.get(code="16.71")
    assert initial_due_at(palembang, submitted).astimezone(WIB).date() == dt.date(2026, 3, 3)

    # --- a card issued there shows the new letterhead and signer --------------------------
    holder = CompleteProfileFactory(full_name="Rudi Hartono").user
    application = Application.objects.create(
        applicant=holder, office=office, type="new", status="approved",
        tracking_number="AK1-PRBM-0001", snapshot=intake.profile_snapshot(holder),
        documents=intake.documents_snapshot(holder), submitted_at=submitted,
        decided_at=submitted + dt.timedelta(hours=3), decided_by=admin,
    )  # fmt: skip
    card = card_issue(
        application=Application.objects.select_related("office").get(pk=application.pk),
        actor=admin,
    )
    assert card.number.startswith("1674-2026-")
    text = _pdf_text(card)
    assert "PEMERINTAH KOTA PRABUMULIH" in text
    assert "DINAS TENAGA KERJA DAN TRANSMIGRASI" in text
    assert "Drs. Hendra Wijaya" in text
    assert "NIP. 197503152000031004" in text
    assert "PEMERINTAH KOTA PALEMBANG" not in text
