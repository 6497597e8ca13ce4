"""The counter pages: booking without JavaScript, the ticket, kiosk, queue, display."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from pencaker.core.models import AuditEvent
from pencaker.counter.models import CounterSettings, Ticket
from pencaker.counter.selectors import counter_calendar
from pencaker.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def all_day(office):
    # Open all day so today (when a working day) and the next days are offered.
    import datetime as dt

    return CounterSettings.objects.create(
        office=office, opens=dt.time(0, 0), closes=dt.time(23, 59)
    )


def _first_day(client) -> str:
    page = client.get(reverse("counter:book")).content.decode()
    return re.search(r'<option value="(\d{4}-\d\d-\d\d)"', page).group(1)


def test_a_citizen_books_and_sees_the_ticket(client, office, all_day):
    page = client.get(reverse("counter:book"))
    assert page.status_code == 200
    key = re.search(r'name="idempotency_key" value="([0-9a-f]+)"', page.content.decode()).group(1)
    form = {
        "office": office.code,
        "service": "A",
        "day": _first_day(client),
        "name": "Sari Dewi",
        "contact": "sari@example.id",
        "idempotency_key": key,
    }
    response = client.post(reverse("counter:book"), form)
    ticket = Ticket.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("counter:ticket", kwargs={"token": ticket.token})
    # The browser sends the form again (a double click): the same ticket.
    again = client.post(reverse("counter:book"), form)
    assert again["Location"] == response["Location"]
    assert Ticket.objects.count() == 1
    shown = client.get(response["Location"]).content.decode()
    assert "A-001" in shown
    assert Notification.objects.filter(recipient="sari@example.id").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Tulis nama Anda."),
        ({"contact": "bukan"}, "0812 3456 7890"),
        ({"service": ""}, "Pilih keperluan Anda."),
        ({"day": "2020-01-01"}, "Pilih salah satu hari yang ditawarkan."),
        ({"name": "Sari\x00"}, ""),
    ],
)
def test_booking_errors_are_shown_in_indonesian(client, office, all_day, changes, message):
    form = {
        "office": office.code,
        "service": "A",
        "day": _first_day(client),
        "name": "Sari Dewi",
        "contact": "sari@example.id",
        **changes,
    }
    response = client.post(reverse("counter:book"), form, HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Ticket.objects.count() == 0


def test_unknown_ticket_is_404(client, db):
    assert client.get(reverse("counter:ticket", kwargs={"token": "nope"})).status_code == 404


def test_the_kiosk_needs_staff_to_start_it_and_then_gives_numbers(
    client, office, operator, staff_client_factory, all_day
):
    assert client.get(reverse("counter:kiosk")).status_code == 403
    staff = staff_client_factory(operator)
    assert staff.post(reverse("counter:kiosk_start")).status_code == 302
    page = staff.post(reverse("counter:kiosk"), {"service": "D", "contact": ""})
    if not counter_calendar(office).is_working_day(timezone.localdate()):
        assert page.status_code == 400  # the kiosk says the counter is closed today
        assert "Loket tutup pada hari itu" in page.content.decode()
        return
    assert page.status_code == 200
    assert "D-001" in page.content.decode()
    assert Ticket.objects.get().source == "kiosk"
    # The staff session ended: the queue page asks for a login.
    assert staff.get(reverse("counter:queue")).status_code == 302


def test_staff_call_from_the_queue_page_and_the_display_shows_it(
    client, office, operator, staff_client_factory, book, all_day
):
    from django.utils import timezone

    ticket, _ = book()
    Ticket.objects.filter(pk=ticket.pk).update(day=timezone.localdate())  # the day has come
    staff = staff_client_factory(operator)
    assert staff.get(reverse("counter:queue")).status_code == 200
    response = staff.post(reverse("counter:call_next"), {"service": "", "desk": "2"})
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == "called" and ticket.desk == "2"
    display = client.get(reverse("counter:display", kwargs={"code": office.code}))
    body = display.content.decode()
    assert '<meta http-equiv="refresh" content="10">' in body
    assert "A-001" in body
    staff.post(reverse("counter:finish", kwargs={"pk": ticket.pk}), {"status": "served"})
    ticket.refresh_from_db()
    assert ticket.status == "served"
    assert AuditEvent.objects.filter(action="counter.ticket_finished").exists()


def test_staff_of_another_office_get_404_when_finishing(
    office, operator, outside_operator, staff_client_factory, book
):
    ticket, _ = book()
    Ticket.objects.filter(pk=ticket.pk).update(status="called")
    staff = staff_client_factory(outside_operator)
    response = staff.post(reverse("counter:finish", kwargs={"pk": ticket.pk}), {"status": "served"})
    assert response.status_code == 404


def test_the_queue_page_is_for_staff_only(client, user_factory, db):
    citizen = user_factory()
    client.force_login(citizen)
    assert client.get(reverse("counter:queue")).status_code == 403


def test_figures_page_and_survey_companion(office, operator, staff_client_factory, book):
    import datetime as dt

    from pencaker.counter.tests.conftest import TUESDAY
    from pencaker.reporting.counter_companion import counter_companion

    book()
    staff = staff_client_factory(operator)
    assert staff.get(reverse("counter:figures")).status_code == 200
    [block] = counter_companion(office, TUESDAY - dt.timedelta(days=1), TUESDAY)
    assert block.element_code == "U9"
    assert "1" in block.lines[0]
    assert counter_companion(office, dt.date(2020, 1, 1), dt.date(2020, 1, 2)) == []
