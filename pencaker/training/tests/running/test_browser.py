"""Issue 13 (running a wave), in real Chromium on a 360 px phone, JavaScript off for the
participant's and the employer's pages:

* the operator's attendance page shows the session's QR code; a real decoder (zbarimg on
  a screenshot, as a phone camera) reads it, and the participant's page it opens records
  her presence with one button; the operator marks the other session on the phone list;
* the operator enters the assessment score and decides completion; the participant sees
  she completed, downloads the signed certificate, rates the training;
* the hourly job pays the first allowance instalment: her schedule shows it paid and the
  next one scheduled; an employer checks the certificate at /sertifikat/cek/ by number
  and by the QR link; messages for each step are in the outbox;
* axe finds no violations on any of the pages.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.urls import reverse

from pencaker.e2e import conftest as _e2e
from pencaker.e2e import steps
from pencaker.training.tests.running.conftest import make_running_wave

assert_accessible = _e2e.assert_accessible
axe = _e2e.axe
nojs_page = _e2e.nojs_page
page = _e2e.page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _session_into(page, base: str, user, *, otp: bool = False) -> None:
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    if otp:
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="auth", confirmed=True)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": base}])


def _fits(page, label: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{label} is {width} px wide"


def _decode_qr(page, selector: str) -> str:
    png = page.locator(selector).screenshot()
    result = subprocess.run(  # noqa: S603 - fixed argv, no shell
        [shutil.which("zbarimg") or "zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", "-"],
        input=png,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode().strip()


@pytest.fixture
def course(office, seeker_factory, operator, settings, live_server):
    settings.SITE_URL = live_server.url
    siti = seeker_factory(full_name="Siti Rahmawati")
    wave = make_running_wave(
        office, participants=[siti], sessions=2, allowance=(300_000, 2, "monthly")
    )
    return {
        "wave": wave,
        "siti": siti,
        "registration": wave.registrations.get(),
        "operator": operator,
    }


def test_participant_attends_completes_downloads_and_an_employer_verifies(
    nojs_page, page, live_server, course, assert_accessible
):
    from pencaker.notifications.models import Notification
    from pencaker.training import allowances, services_running
    from pencaker.training.models_running import Certificate

    base, wave, registration = live_server.url, course["wave"], course["registration"]
    first, second = list(wave.sessions.all())

    # The operator shows the first session's QR code on the phone.
    staff = page
    _session_into(staff, base, course["operator"], otp=True)
    staff.goto(steps.url(base, "training_running_staff:session", first.pk))
    assert_accessible(staff, label="staff session page")
    _fits(staff, "staff session page")
    link = _decode_qr(staff, "svg.attendance-qr")
    assert link.startswith(f"{base}/pelatihan/ikut/hadir/")

    # Siti's phone camera opens the link (no JavaScript) and she records her presence.
    phone = nojs_page
    _session_into(phone, base, course["siti"])
    phone.goto(link)
    _fits(phone, "attendance page")
    steps.submit(phone, phone.get_by_role("button", name="Saya hadir"))
    assert phone.url.endswith(reverse("training_running:participation", args=[registration.pk]))
    assert "Kehadiran Anda tercatat" in phone.inner_text("main")

    # The operator marks the second session on the phone list.
    staff.goto(steps.url(base, "training_running_staff:session", second.pk))
    staff.get_by_label("Siti Rahmawati").check()
    steps.submit(staff, staff.get_by_role("button", name="Simpan kehadiran"))
    assert "1 hadir, 0 tidak hadir" in staff.inner_text("main")

    # The score, then completion.
    staff.goto(steps.url(base, "training_running_staff:wave", wave.pk))
    assert_accessible(staff, label="staff wave page")
    _fits(staff, "staff wave page")
    assert "100%" in staff.inner_text("main")
    staff.fill(f"#score_{registration.pk}", "85")
    steps.submit(staff, staff.get_by_role("button", name="Putuskan kelulusan dan akhiri gelombang"))
    assert "1 lulus, 0 tidak lulus" in staff.inner_text("main")
    certificate = Certificate.objects.get(registration=registration)

    # Siti sees the result and downloads the certificate.
    phone.goto(steps.url(base, "training_running:participation", registration.pk))
    text = phone.inner_text("main")
    assert "Anda lulus pelatihan." in text and certificate.number in text
    with phone.expect_download() as download_info:
        phone.get_by_role("link", name="Unduh sertifikat (PDF)").click()
    pdf = open(download_info.value.path(), "rb").read()  # noqa: PTH123, SIM115
    assert pdf.startswith(b"%PDF") and pdf == bytes(certificate.pdf)

    # She rates the training.
    phone.get_by_label("5").check()
    phone.get_by_label("Komentar (tidak wajib)").fill("Instruktur sabar, praktiknya banyak.")
    steps.submit(phone, phone.get_by_role("button", name="Kirim penilaian saya"))
    assert "Anda memberi nilai 5 dari 5" in phone.inner_text("main")

    # The hourly job pays what is due; the schedule shows each payment's state.
    allowances.instalments_pay_due()
    services_running.follow_ups_send_due()
    phone.reload()
    rows = phone.locator("table.allowance-schedule tbody tr")
    assert rows.count() == 2
    assert "Dibayar" in rows.nth(0).inner_text()
    assert "Terjadwal" in rows.nth(1).inner_text()
    _fits(phone, "participation page")

    # An employer checks the certificate, by number and by the QR link, without JavaScript.
    phone.context.clear_cookies()
    phone.goto(steps.url(base, "certificates:verify"))
    phone.get_by_label("Nomor sertifikat atau kode QR").fill(certificate.number.lower())
    steps.submit(phone, phone.get_by_role("button", name="Periksa", exact=True))
    verdict = phone.inner_text("main")
    assert "Asli: sertifikat ini diterbitkan oleh dinas." in verdict and "Siti Rahmawati" in verdict
    _fits(phone, "certificate verdict")
    phone.goto(f"{base}/sertifikat/v/{certificate.token}")
    assert "Tanda tangan elektronik pada kode QR asli." in phone.inner_text("main")

    # A message at each step, through the outbox.
    kinds = list(
        Notification.objects.filter(recipient=course["siti"].email).values_list("kind", flat=True)
    )
    assert {"training.completed", "training.paid", "training.follow_up"} <= set(kinds)
    assert kinds.count("training.paid") == 1


def test_running_pages_pass_axe_at_360_px(page, live_server, course, assert_accessible):
    from pencaker.training import services_running
    from pencaker.training.models_running import Certificate

    base, wave, registration = live_server.url, course["wave"], course["registration"]
    first = wave.sessions.first()
    _session_into(page, base, course["siti"])
    token = services_running.attendance_qr_token(first)
    page.goto(steps.url(base, "training_running:attend", token))
    assert_accessible(page, label="attendance page")
    _fits(page, "attendance page")
    page.context.clear_cookies()
    ids = {registration.pk}
    for session in wave.sessions.all():
        services_running.attendance_mark(
            actor=course["operator"], session_id=session.pk, present_ids=ids
        )
    services_running.wave_complete(
        actor=course["operator"], wave_id=wave.pk, scores={registration.pk: 70}
    )
    _session_into(page, base, course["operator"], otp=True)
    page.goto(steps.url(base, "training_running_staff:report", wave.programme_id))
    assert_accessible(page, label="programme report")
    _fits(page, "programme report")
    assert "Bersertifikat" in page.inner_text("main")
    page.goto(steps.url(base, "training_running_staff:wave", wave.pk))
    assert_accessible(page, label="staff wave page (completed)")
    page.context.clear_cookies()
    _session_into(page, base, course["siti"])
    page.goto(steps.url(base, "training_running:participation", registration.pk))
    assert_accessible(page, label="participation page")
    _fits(page, "participation page")
    survey = registration.follow_ups.get(kind="completion")
    page.goto(steps.url(base, "training_running:follow_up", survey.pk))
    assert_accessible(page, label="follow-up survey")
    _fits(page, "follow-up survey")
    page.locator("#working_yes").check()
    page.locator("#skill_yes").check()
    steps.submit(page, page.get_by_role("button", name="Kirim jawaban saya"))
    assert "Terima kasih atas jawaban Anda." in page.inner_text("main")
    page.context.clear_cookies()
    number = Certificate.objects.get().number
    page.goto(steps.url(base, "certificates:verify"))
    assert_accessible(page, label="certificate check")
    page.goto(steps.url(base, "certificates:verify") + f"?q={number}")
    assert_accessible(page, label="certificate verdict")
    _fits(page, "certificate verdict")
    page.console_log.assert_clean()
