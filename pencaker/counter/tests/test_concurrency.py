"""Real threads against a real database (also run on PostgreSQL with scripts/pgtmp.py):
the capacity holds under parallel bookings, one Idempotency-Key books once, and two staff
calling at once never get the same ticket."""

from __future__ import annotations

import pytest

from pencaker.applications.tests.test_concurrency import run_together
from pencaker.counter import services
from pencaker.counter.models import ServiceCapacity, Ticket
from pencaker.counter.tests.conftest import NOW

pytestmark = pytest.mark.django_db(transaction=True)


def test_parallel_bookings_never_pass_the_capacity(book, office):
    ServiceCapacity.objects.create(office=office, service="A", daily_capacity=5)
    results, errors = run_together(12, lambda i: book(contact=f"warga{i}@example.id"))
    assert Ticket.objects.count() == 5
    assert len(errors) == 7
    assert {getattr(e, "code", repr(e)) for e in errors} == {"counter_full"}
    assert sorted(Ticket.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5]


def test_parallel_bookings_with_one_key_book_once(book):
    results, errors = run_together(10, lambda i: book(idempotency_key="klik-ganda"))
    assert errors == []
    assert Ticket.objects.count() == 1
    assert [created for _ticket, created in results].count(True) == 1


def test_two_staff_calling_at_once_get_different_tickets(book, operator, other_operator):
    for i in range(6):
        book(contact=f"warga{i}@example.id")
    staff = [operator, other_operator] * 3
    results, errors = run_together(
        6, lambda i: services.queue_call_next(actor=staff[i], desk=str(i), now=NOW)
    )
    assert errors == []
    assert len({ticket.pk for ticket in results}) == 6
    assert Ticket.objects.filter(status="called").count() == 6
