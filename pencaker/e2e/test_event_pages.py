"""Issue 12, the event pages in real Chromium on a 360 px phone:

* With JavaScript off, a job seeker finds a job fair on /acara/ whose quota is full,
  registers and lands on the waiting list; when a seat is cancelled she moves up and her
  ticket page shows the QR code.
* At the door, on a 360 px phone, the QR code on the ticket page is read by a real decoder
  (zbarimg on a screenshot of the code, as a phone camera reads it); the link it holds
  opens the staff check-in page, which admits her with one button, without JavaScript.
  A ticket code typed by hand admits the next person; attendance is counted.
* axe-core finds no violations on the seeker's, the staff's and the employer's pages.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from django.utils import timezone

from pencaker.e2e import steps
from pencaker.e2e.test_vacancy_pages import _fits, _session_into, world  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def fair(world, site_url):  # noqa: F811
    from pencaker.accounts.models import Role, User
    from pencaker.events import services

    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=5)
    event = services.event_create(
        actor=world["operator"],
        data=services.EventInput(
            kind="job_fair",
            title="Bursa Kerja Kota Palembang",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=6),
            place="Gedung Serbaguna Disnaker",
            quota=1,
        ),
    )
    services.event_employers_set(
        actor=world["operator"],
        event_id=event.pk,
        organisation_ids=[world["published"].organisation_id],
        vacancy_ids=[world["published"].pk],
    )
    first = User.objects.create_user(
        email="budi@example.id",
        password="x-Kartu-2026",  # noqa: S106 - a test person
        role=Role.JOB_SEEKER,
    )
    services.event_register(actor=first, event_id=event.pk)
    return {"event": event, "first": first, **world}


def _decode_qr(page, selector: str) -> str:
    png = page.locator(selector).screenshot()
    result = subprocess.run(  # noqa: S603 - fixed argv, no shell
        [shutil.which("zbarimg") or "zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", "-"],
        input=png,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode().strip()


def test_full_quota_goes_to_the_waiting_list_then_the_qr_ticket_admits_at_the_door(
    nojs_page, live_server, fair
):
    from pencaker.events import services
    from pencaker.events.models import Registration

    page, base, event = nojs_page, live_server.url, fair["event"]
    _session_into(page, base, fair["seeker"])
    page.goto(steps.url(base, "events:list"))
    _fits(page, "the events list")
    steps.submit(page, page.locator("main h2 a", has_text="Bursa Kerja Kota Palembang"))
    _fits(page, "the event page")
    assert "PT Sriwijaya Roti Abadi" in page.inner_text("main")
    button = page.locator("main form[action$='/daftar/'] button[type=submit]")
    assert button.inner_text().strip() == "Masuk daftar tunggu"
    steps.submit(page, button)
    registration = Registration.objects.get(seeker=fair["seeker"])
    assert registration.status == "waitlisted"
    assert "daftar tunggu" in page.inner_text("main")
    assert page.locator("svg.ticket-qr").count() == 0, "no ticket while waiting"
    _fits(page, "the ticket page (waiting)")

    # Budi cancels: the first (and only) person waiting gets the seat and a ticket.
    first = Registration.objects.get(seeker=fair["first"])
    services.registration_cancel(actor=fair["first"], registration_id=first.pk)
    page.reload()
    assert "Terdaftar" in page.inner_text("main")
    link = _decode_qr(page, "svg.ticket-qr")
    assert link.startswith(f"{base}/acara/petugas/{event.pk}/masuk/?t=")
    code = page.locator(".ticket-code strong").inner_text()

    # At the door: the operator's phone camera opened the link (no JavaScript).
    page.context.clear_cookies()
    _session_into(page, base, fair["operator"], otp=True)
    page.goto(link)
    _fits(page, "the check-in page")
    assert Registration.objects.get(pk=registration.pk).status == "registered"
    steps.submit(page, page.locator("main form button[type=submit]"))
    assert "Selamat datang: silakan masuk" in page.inner_text("main")
    assert code in page.inner_text("main")
    assert "Hadir sejauh ini: 1" in page.inner_text("main")
    # The same ticket again is recognised, not admitted twice.
    page.fill("#id_code", code.lower())
    steps.submit(page, page.locator("main form button[type=submit]"))
    assert "Sudah tercatat hadir" in page.inner_text("main")
    assert Registration.objects.get(pk=registration.pk).status == "attended"
    assert Registration.objects.filter(event=event, status="attended").count() == 1


def test_event_pages_pass_axe_at_360_px(page, live_server, fair, assert_accessible):
    from pencaker.events import services

    base, event = live_server.url, fair["event"]
    registration, _ = services.event_register(actor=fair["seeker"], event_id=event.pk)
    checks = [
        (
            fair["first"],
            False,
            [
                ("events:list", ()),
                ("events:detail", (event.pk,)),
                ("events:mine", ()),
                ("events:ticket", (fair["first"].event_registrations.get().pk,)),
            ],
        ),
        (fair["seeker"], False, [("events:ticket", (registration.pk,))]),
        (
            fair["operator"],
            True,
            [
                ("events:staff_list", ()),
                ("events:staff_create", ()),
                ("events:staff_detail", (event.pk,)),
                ("events:staff_edit", (event.pk,)),
                ("events:checkin", (event.pk,)),
            ],
        ),
        (fair["owner"], True, [("events:employer_events", ())]),
    ]
    for user, otp, pages in checks:
        page.context.clear_cookies()
        _session_into(page, base, user, otp=otp)
        for name, args in pages:
            response = page.goto(steps.url(base, name, *args))
            assert response is not None and response.status == 200, name
            assert_accessible(page, label=name)
            _fits(page, name)
    page.console_log.assert_clean()
