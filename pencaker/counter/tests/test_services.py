"""Booking, capacity, calling and no-shows of the counter queue."""

from __future__ import annotations

import datetime as dt

import pytest

from pencaker.core.models import AuditEvent
from pencaker.counter import selectors, services
from pencaker.counter.choices import Source, TicketStatus
from pencaker.counter.models import ServiceCapacity, Ticket
from pencaker.counter.tests.conftest import NOW, TUESDAY
from pencaker.notifications.models import Notification
from pencaker.offices.models import OfficeClosure

pytestmark = pytest.mark.django_db


def test_booking_gives_numbers_per_day_and_service_and_queues_the_ticket(book):
    first, created = book()
    second, _ = book(contact="0812 3456 7890")
    other, _ = book(service="B")

    assert created
    assert (first.code, second.code, other.code) == ("A-001", "A-002", "B-001")
    email = Notification.objects.filter(recipient="sari@example.id").order_by("pk").first()
    assert email.channel == "email"
    assert "A-001" in email.subject and "A-001" in email.body
    assert first.token in email.body
    sms = Notification.objects.get(recipient="+6281234567890")
    assert sms.channel == "sms" and "A-002" in sms.body
    assert AuditEvent.objects.filter(action="counter.ticket_booked").count() == 3


def test_same_idempotency_key_books_once(book):
    first, created_first = book(idempotency_key="k-1")
    again, created_again = book(idempotency_key="k-1")
    assert (created_first, created_again) == (True, False)
    assert again.pk == first.pk
    assert Ticket.objects.count() == 1
    assert Notification.objects.count() == 1


def test_capacity_is_never_exceeded(book, office):
    ServiceCapacity.objects.create(office=office, service="C", daily_capacity=2)
    book(service="C")
    book(service="C")
    with pytest.raises(services.DomainError) as refused:
        book(service="C")
    assert refused.value.code == "counter_full"
    assert selectors.bookable_days(office, now=NOW)[0].remaining["C"] == 0


def test_a_closed_day_and_a_weekend_cannot_be_booked(book, office):
    OfficeClosure.objects.create(office=office, date=TUESDAY + dt.timedelta(days=1))
    with pytest.raises(services.DomainError) as closed:
        book(day=TUESDAY + dt.timedelta(days=1))
    assert closed.value.code == "counter_closed_day"
    with pytest.raises(services.DomainError) as weekend:
        book(day=dt.date(2026, 3, 7))
    assert weekend.value.code == "counter_closed_day"
    days = [d.day for d in selectors.bookable_days(office, now=NOW)]
    assert TUESDAY + dt.timedelta(days=1) not in days
    assert days[0] == TUESDAY and len(days) == 10


def test_booking_after_closing_starts_the_next_working_day(office):
    evening = NOW.replace(hour=17)
    assert selectors.bookable_days(office, now=evening)[0].day == TUESDAY + dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("contact", "not a contact", "counter_invalid_contact"),
        ("contact", "0812\x00", "counter_invalid_contact"),
        ("contact", "", "counter_invalid_name"),
        ("name", "", "counter_invalid_name"),
        ("service", "Z", "counter_invalid_service"),
    ],
)
def test_booking_refuses_bad_input_with_a_field_error(book, field, value, code):
    with pytest.raises(services.DomainError) as refused:
        book(**{field: value})
    assert refused.value.code == code
    assert refused.value.fields
    assert Ticket.objects.count() == 0


def test_a_kiosk_walk_in_needs_no_name_or_contact(book):
    ticket, _ = book(name="", contact="", source=Source.KIOSK)
    assert ticket.code == "A-001"
    assert Notification.objects.count() == 0


def test_staff_call_the_lowest_number_and_finish_it(book, operator):
    book(service="B")
    book()
    called = services.queue_call_next(actor=operator, desk="1", now=NOW)
    assert called.code == "A-001" and called.status == TicketStatus.CALLED
    assert called.desk == "1" and called.called_by == operator
    only_b = services.queue_call_next(actor=operator, service="B", now=NOW)
    assert only_b.code == "B-001"
    with pytest.raises(services.DomainError) as empty:
        services.queue_call_next(actor=operator, now=NOW)
    assert empty.value.code == "counter_queue_empty"
    served = services.ticket_finish(actor=operator, ticket_id=called.pk, status="served")
    assert served.status == TicketStatus.SERVED
    assert [h.to_status for h in served.history.all()] == ["waiting", "called", "served"]
    assert AuditEvent.objects.filter(action="counter.ticket_called").count() == 2


def test_staff_of_another_office_cannot_call_or_finish(book, operator, outside_operator):
    book()
    with pytest.raises(services.DomainError) as empty:
        services.queue_call_next(actor=outside_operator, now=NOW)
    assert empty.value.code == "counter_queue_empty"
    called = services.queue_call_next(actor=operator, now=NOW)
    with pytest.raises(services.DomainError) as hidden:
        services.ticket_finish(actor=outside_operator, ticket_id=called.pk, status="served")
    assert hidden.value.status == 404


def test_a_citizen_cannot_call(book, user_factory):
    book()
    with pytest.raises(services.DomainError) as refused:
        services.queue_call_next(actor=user_factory(), now=NOW)
    assert refused.value.status == 403


def test_no_shows_are_released_after_the_grace_time(book, operator):
    book()
    book()
    called = services.queue_call_next(actor=operator, now=NOW)
    assert services.no_shows_release(now=NOW + dt.timedelta(minutes=9)) == 0
    assert services.no_shows_release(now=NOW + dt.timedelta(minutes=11)) == 1
    called.refresh_from_db()
    assert called.status == TicketStatus.NO_SHOW
    # The next day the uncalled ticket of the day before is released too, once.
    next_day = NOW + dt.timedelta(days=1)
    assert services.no_shows_release(now=next_day) == 1
    assert services.no_shows_release(now=next_day) == 0
    with pytest.raises(services.DomainError):
        services.ticket_finish(actor=operator, ticket_id=called.pk, status="served")


def test_figures_per_day_count_served_no_shows_and_the_median_wait(book, operator, office):
    tickets = [book()[0] for _ in range(3)]
    # Booked before the day: the wait counts from the counter's opening (08:00).
    Ticket.objects.filter(pk__in=[t.pk for t in tickets]).update(
        created_at=NOW - dt.timedelta(days=1)
    )
    waits = [10, 30, 50]  # minutes after 08:00
    opening = NOW.replace(hour=8)
    for minutes in waits:
        called = services.queue_call_next(
            actor=operator, now=opening + dt.timedelta(minutes=minutes)
        )
    services.ticket_finish(actor=operator, ticket_id=tickets[0].pk, status="served")
    services.ticket_finish(actor=operator, ticket_id=tickets[1].pk, status="served")
    services.ticket_finish(actor=operator, ticket_id=called.pk, status="no_show")

    [day] = selectors.figures_by_day(office, TUESDAY, TUESDAY)
    assert (day.issued, day.served, day.no_shows) == (3, 2, 1)
    assert day.median_wait_minutes == 20.0  # median of 10 and 30; the no-show is left out
    period = selectors.figures_for_period(office, TUESDAY, TUESDAY)
    assert (period.days, period.served, period.median_wait_minutes) == (1, 2, 20.0)


def test_a_signed_in_citizen_books_with_the_account_name_and_email(book, user_factory):
    citizen = user_factory(full_name="Rina Wati", email="rina@example.id")
    ticket, _ = book(name="", contact="", user=citizen)
    assert (ticket.name, ticket.contact, ticket.user) == ("Rina Wati", "rina@example.id", citizen)
    assert Notification.objects.filter(recipient="rina@example.id").exists()
