"""Issue 3, the done-when journey: an AK/1 request returned with two reasons, fixed,
sent again and approved, in real Chromium, with the emails a real SMTP server receives.

* Siti has a complete profile and documents (seekers factories + the documents service).
* She sends her request from the pages (JavaScript on; axe-core checks her pages).
* The operator logs in with password and a TOTP code (JavaScript off: the staff pages
  work without it), claims the request and returns it with TWO reasons: the photo and
  the address.
* Siti sees exactly those two, uploads a new photo, corrects her address and sends again.
* The operator claims it again and approves.
* Each step's email arrived over SMTP; the database holds the approved request, its
  whole history and the two return items.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from pencaker.e2e import files, steps
from pencaker.e2e.people import seed_demo_office

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Rahasia-123!"  # noqa: S105 - the factories' test password


@pytest.fixture(autouse=True)
def _card_keys_in_tmp(settings, tmp_path):
    """Approval issues the card after commit: its signing keys live in this test's folder."""
    from pencaker.cards import signing

    settings.DATA_DIR = tmp_path / "data"
    signing._cache.clear()
    yield
    signing._cache.clear()


@pytest.fixture
def citizen(tmp_path):
    """Siti: verified email, complete profile in Kota Palembang, the three documents."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pencaker.documents.services import document_upload
    from pencaker.seekers.tests.factories import CompleteProfileFactory

    seed_demo_office()
    profile = CompleteProfileFactory(
        full_name="Siti Aminah",
        user__email="siti.aminah@example.id",
        user__full_name="Siti Aminah",
        rt="1",
        rw="2",
    )
    user = profile.user
    for kind, path, content_type in (
        ("ktp", files.ktp_jpeg(tmp_path), "image/jpeg"),
        ("photo", files.portrait_photo_jpeg(tmp_path), "image/jpeg"),
        ("ijazah", files.ijazah_pdf(tmp_path), "application/pdf"),
    ):
        upload = SimpleUploadedFile(path.name, path.read_bytes(), content_type=content_type)
        document_upload(actor=user, owner=user, kind=kind, uploaded_file=upload)
    return user


@pytest.fixture
def operator(citizen, user_factory):
    """An operator of Siti's office with a confirmed authenticator (TOTP) device."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from pencaker.accounts.models import Role

    user = user_factory(
        Role.OPERATOR,
        office=citizen.seeker_profile.office,
        email="rina.petugas@disnaker.example.go.id",
        full_name="Rina Petugas",
        password=PASSWORD,
    )
    TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=True)
    return user


def totp_code(user) -> str:
    """The code the operator's authenticator app shows right now."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=user, confirmed=True)
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{value:0{device.digits}d}"


def log_in(page, base: str, email: str) -> None:
    page.goto(steps.url(base, "accounts:login"))
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    steps.submit(page, page.locator("main form button[type=submit]"))


def staff_log_in(page, base: str, user) -> None:
    """Password first, then the 6-digit code from the authenticator app."""
    log_in(page, base, user.email)
    assert reverse("accounts:two_factor") in page.url
    page.fill("#id_code", totp_code(user))
    steps.submit(page, page.locator("main form button[type=submit]"))
    assert reverse("accounts:two_factor") not in page.url


def press(page, action: str) -> None:
    """Press the button of the form posting to ``…/<action>/``."""
    steps.submit(page, page.locator(f"main form[action$='/{action}/'] button[type=submit]"))


def open_from_queue(page, base: str, tracking_number: str) -> None:
    page.goto(steps.url(base, "applications:queue"))
    steps.submit(page, page.get_by_role("link", name=tracking_number))


def subjects(mailbox, address: str) -> list[str]:
    return [str(message["Subject"]) for message in mailbox.to(address)]


def test_returned_with_two_reasons_fixed_resubmitted_and_approved(
    page, nojs_page, site_url, mailbox, citizen, operator, tmp_path, assert_accessible
):
    from pencaker.applications.choices import Status
    from pencaker.applications.models import Application

    base = site_url
    siti, petugas = page, nojs_page

    # --- Siti sends her request ---------------------------------------------------------
    log_in(siti, base, citizen.email)
    siti.goto(steps.url(base, "applications:start"))
    assert siti.locator(".status-ok").is_visible()  # the checklist is complete
    assert_accessible(siti, label="request page")
    siti.check("input[name=type][value=new]")
    press(siti, "permohonan")
    number = siti.locator("dd strong").first.inner_text().strip()
    application = Application.objects.get(applicant=citizen)
    assert number == application.tracking_number
    assert siti.url.endswith(reverse("applications:detail", args=[number]))
    assert subjects(mailbox, citizen.email) == [f"Permohonan AK/1 {number} diterima"]

    # --- The operator logs in with TOTP, claims it and returns it with two reasons -----
    staff_log_in(petugas, base, operator)
    open_from_queue(petugas, base, number)
    press(petugas, "ambil")
    petugas.check("input[name='reasons__document:photo'][value=photo_rules]")
    petugas.fill("input[name='text__document:photo']", "Latar belakang foto harus merah.")
    petugas.check("input[name=reasons__address][value=mismatch]")
    petugas.fill("input[name=text__address]", "RT/RW tidak sama dengan KTP: RT 003 / RW 004.")
    press(petugas, "kembalikan")
    assert "Dikembalikan" in petugas.locator("main h1").inner_text()
    petugas.console_log.assert_clean()

    returned = mailbox.to(citizen.email)[-1]
    assert str(returned["Subject"]) == f"Permohonan AK/1 {number}: mohon perbaiki beberapa bagian"
    body = mailbox.body(returned)
    listed = sorted(line for line in body.splitlines() if line.startswith("- "))
    assert listed == [
        "- Alamat: Data tidak sesuai dengan dokumen — "
        "RT/RW tidak sama dengan KTP: RT 003 / RW 004.",
        "- Pas foto berwarna 3x4: Foto tidak sesuai ketentuan (terbaru, berwarna, 3x4) — "
        "Latar belakang foto harus merah.",
    ]
    status_link = next(link for link in mailbox.links(returned) if number in link)

    # --- Siti sees exactly those two items, fixes them and sends again ------------------
    siti.goto(status_link)
    items = siti.locator("ul.return-items > li")
    assert items.count() == 2
    shown = sorted(" ".join(items.nth(i).inner_text().split()) for i in range(2))
    assert shown[0].startswith("Alamat: Data tidak sesuai dengan dokumen")
    assert "RT 003 / RW 004" in shown[0]
    assert shown[1].startswith("Pas foto berwarna 3x4: Foto tidak sesuai ketentuan")
    assert "Latar belakang foto harus merah." in shown[1]
    assert_accessible(siti, label="returned request")

    new_photo = files.portrait_photo_jpeg(tmp_path, "foto-latar-merah.jpg", gps=False)
    steps.upload(siti, base, "photo", new_photo)
    siti.goto(steps.url(base, "seekers:address"))
    siti.fill("#id_rt", "003")
    siti.fill("#id_rw", "004")
    steps.submit(siti, siti.locator("main form[method=post] button[type=submit]").last)

    siti.goto(status_link)
    press(siti, "kirim-ulang")
    assert "Terkirim, menunggu petugas" in siti.locator("main dl").inner_text()
    siti.console_log.assert_clean()
    assert subjects(mailbox, citizen.email)[-1] == f"Permohonan AK/1 {number} dikirim ulang"

    # --- The operator checks the corrected request and approves -------------------------
    open_from_queue(petugas, base, number)
    submitted_data = " ".join(
        petugas.locator("section[aria-labelledby=data-title]").inner_text().split()
    )
    assert "RT 3 / RW 4" in submitted_data
    press(petugas, "ambil")
    press(petugas, "setujui")
    assert "Disetujui" in petugas.locator("main h1").inner_text()
    petugas.console_log.assert_clean()

    # --- The emails, one per step, in order ---------------------------------------------
    received = subjects(mailbox, citizen.email)
    assert [s for s in received if s.startswith("Permohonan AK/1")] == [
        f"Permohonan AK/1 {number} diterima",
        f"Permohonan AK/1 {number}: mohon perbaiki beberapa bagian",
        f"Permohonan AK/1 {number} dikirim ulang",
        f"Permohonan AK/1 {number} disetujui",
    ]
    # Issuing the first card also invites the holder to the satisfaction survey (IKM).
    others = [s for s in received if not s.startswith("Permohonan AK/1")]
    assert len(others) == 1 and "survei" in others[0].lower()
    assert mailbox.to(operator.email) == []

    # Siti's page says so too.
    siti.goto(status_link)
    assert siti.locator(".message-success").is_visible()
    assert_accessible(siti, label="approved request")

    # --- The database at the end --------------------------------------------------------
    application.refresh_from_db()
    assert application.status == Status.APPROVED
    assert application.decided_by_id == operator.pk
    history = list(
        application.history.order_by("at", "pk").values_list("from_status", "to_status", "actor")
    )
    assert history == [
        (Status.DRAFT, Status.SUBMITTED, citizen.pk),
        (Status.SUBMITTED, Status.IN_REVIEW, operator.pk),
        (Status.IN_REVIEW, Status.NEEDS_CHANGES, operator.pk),
        (Status.NEEDS_CHANGES, Status.SUBMITTED, citizen.pk),
        (Status.SUBMITTED, Status.IN_REVIEW, operator.pk),
        (Status.IN_REVIEW, Status.APPROVED, operator.pk),
    ]
    returned_items = sorted(application.return_items.values_list("item", "reason"))
    assert returned_items == [("address", "mismatch"), ("document:photo", "photo_rules")]
    # The approved snapshot is the corrected one.
    profile = application.snapshot["profile"]
    assert (profile["rt"], profile["rw"]) == ("3", "4")
    frozen_photo = next(d for d in application.documents if d["kind"] == "photo")
    first_photo = citizen.documents.get(kind="photo").versions.order_by("number").first()
    assert frozen_photo["version_id"] != first_photo.pk
    assert re.fullmatch(r"[0-9a-f]{64}", frozen_photo["sha256"])
