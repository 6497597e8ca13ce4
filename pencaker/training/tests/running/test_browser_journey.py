"""Issue 13's browser journey end to end, in real Chromium on a 360 px phone with
JavaScript off for the job seeker and the employer: she sees which rules she meets,
registers from her profile in one step, is drawn, confirms, attends both sessions,
completes, downloads her signed certificate; an employer verifies it at /sertifikat/cek/;
her allowance schedule shows each payment's state; a message reaches her at each step;
axe finds no violations on the pages she and the operator use."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from pencaker.e2e import conftest as _e2e
from pencaker.e2e import steps
from pencaker.training.tests.running.test_browser import _fits, _session_into

assert_accessible = _e2e.assert_accessible
axe = _e2e.axe
nojs_page = _e2e.nojs_page
page = _e2e.page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def course(programme_factory, seeker_factory, operator, settings, live_server):
    from pencaker.training import services
    from pencaker.training.models import Programme
    from pencaker.training.models_running import CompletionRule

    settings.SITE_URL = live_server.url
    siti = seeker_factory(full_name="Siti Rahmawati")
    wave = programme_factory(
        title="Menjahit Busana Dasar",
        rules=["age", "domicile", "not_official"],
        wave={"quota": 1, "priority_quota": 0},
    )
    Programme.objects.filter(pk=wave.programme_id).update(has_allowance=True)
    CompletionRule.objects.create(
        programme_id=wave.programme_id,
        allowance_amount=300_000,
        allowance_instalments=2,
        allowance_basis="monthly",
    )
    for hour in (8, 13):
        services.session_add(
            actor=operator,
            wave_id=wave.pk,
            date=timezone.localdate() + dt.timedelta(days=14),
            start_time=dt.time(hour, 0),
            end_time=dt.time(hour + 3, 0),
            place="BLK Palembang",
            topic="Pola dasar",
        )
    return {"wave": wave, "siti": siti, "operator": operator}


def test_rules_register_draw_confirm_attend_complete_certificate_allowance(
    nojs_page, page, live_server, course, assert_accessible
):
    from pencaker.notifications.models import Notification
    from pencaker.training import allowances, services, services_running
    from pencaker.training.models import Registration
    from pencaker.training.models_running import Certificate

    base, wave, siti, operator = live_server.url, course["wave"], course["siti"], course["operator"]
    phone = nojs_page
    _session_into(phone, base, siti)

    # Every rule, met or to declare, then one-step registration from her profile.
    phone.goto(steps.url(base, "training:wave", wave.pk))
    _fits(phone, "the wave page")
    text = phone.locator("main").inner_text()
    assert text.count("✓ Memenuhi") == 2 and "✎ Perlu dinyatakan" in text
    phone.locator("#id_declared").check()
    steps.submit(phone, phone.locator("button:has-text('Daftar dengan profil saya')"))
    registration = Registration.objects.get(seeker=siti)
    assert registration.public_id in phone.locator("main").inner_text()

    # The office closes the registration and draws; she confirms her place.
    services.wave_close(actor=operator, wave_id=wave.pk)
    services.wave_draw(actor=operator, wave_id=wave.pk)
    phone.goto(steps.url(base, "training:mine"))
    steps.submit(phone, phone.locator("button:has-text('Konfirmasi tempat saya')"))
    registration.refresh_from_db()
    assert registration.status == "confirmed"

    # The operator starts the wave and takes attendance on the phone list.
    staff = page
    _session_into(staff, base, operator, otp=True)
    staff.goto(steps.url(base, "training_staff:wave", wave.pk))
    steps.submit(staff, staff.get_by_role("button", name="Mulai pelatihan"))
    wave.refresh_from_db()
    assert wave.status == "running"
    staff.get_by_role("link", name="Kehadiran dan kelulusan").click()
    assert_accessible(staff, label="staff running wave")
    for session in wave.sessions.order_by("start_time"):
        staff.goto(steps.url(base, "training_running_staff:session", session.pk))
        staff.get_by_label("Siti Rahmawati").check()
        steps.submit(staff, staff.get_by_role("button", name="Simpan kehadiran"))
        assert "1 hadir, 0 tidak hadir" in staff.inner_text("main")
    staff.goto(steps.url(base, "training_running_staff:wave", wave.pk))
    assert "100%" in staff.inner_text("main")
    staff.fill(f"#score_{registration.pk}", "82")
    steps.submit(staff, staff.get_by_role("button", name="Putuskan kelulusan dan akhiri gelombang"))
    assert "1 lulus, 0 tidak lulus" in staff.inner_text("main")
    certificate = Certificate.objects.get(registration=registration)

    # From "my training" she reaches her result and downloads the certificate.
    phone.goto(steps.url(base, "training:mine"))
    phone.get_by_role("link", name="Kehadiran, sertifikat, dan tunjangan").click()
    _fits(phone, "participation page")
    text = phone.inner_text("main")
    assert "Anda lulus pelatihan." in text and certificate.number in text
    with phone.expect_download() as download_info:
        phone.get_by_role("link", name="Unduh sertifikat (PDF)").click()
    pdf = open(download_info.value.path(), "rb").read()  # noqa: PTH123, SIM115
    assert pdf.startswith(b"%PDF") and pdf == bytes(certificate.pdf)

    # The payment job runs: the schedule shows one paid, one scheduled.
    allowances.instalments_pay_due()
    services_running.follow_ups_send_due()
    phone.reload()
    rows = phone.locator("table.allowance-schedule tbody tr")
    assert rows.count() == 2
    assert "Dibayar" in rows.nth(0).inner_text() and "Terjadwal" in rows.nth(1).inner_text()

    # An employer verifies the certificate, without JavaScript.
    phone.context.clear_cookies()
    phone.goto(steps.url(base, "certificates:verify"))
    phone.get_by_label("Nomor sertifikat atau kode QR").fill(certificate.number)
    steps.submit(phone, phone.get_by_role("button", name="Periksa", exact=True))
    verdict = phone.inner_text("main")
    assert "Asli: sertifikat ini diterbitkan oleh dinas." in verdict and "Siti Rahmawati" in verdict

    # One message per step, in order, through the outbox.
    kinds = list(
        Notification.objects.filter(recipient=siti.email)
        .order_by("id")
        .values_list("kind", flat=True)
    )
    steps_seen = [k for k in kinds if k.startswith("training.")]
    assert steps_seen[:4] == [
        "training.registered",
        "training.selected",
        "training.confirmed",
        "training.completed",
    ]
    assert steps_seen.count("training.paid") == 1
    assert "training.follow_up" in steps_seen

    # axe on the pages of the journey (JavaScript on: axe-core is JavaScript).
    staff.context.clear_cookies()
    _session_into(staff, base, siti)
    for name, args in [
        ("training:wave", (wave.pk,)),
        ("training:mine", ()),
        ("training_running:participation", (registration.pk,)),
        ("certificates:verify", ()),
    ]:
        staff.goto(steps.url(base, name, *args))
        assert_accessible(staff, label=f"{name} {args}")
