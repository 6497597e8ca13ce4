"""Real threads against a real database (run on PostgreSQL with scripts/pgtmp.py): the
quota holds under parallel registrations, one registration per Idempotency-Key."""

from __future__ import annotations

import pytest

from pencaker.applications.tests.test_concurrency import run_together
from pencaker.events import services
from pencaker.events.models import Registration
from pencaker.events.tests.conftest import fair_input

pytestmark = pytest.mark.django_db(transaction=True)


def test_twelve_parallel_registrations_fill_a_quota_of_five_and_wait_the_rest(
    operator, holder_factory
):
    event = services.event_create(actor=operator, data=fair_input(quota=5))
    people = [holder_factory(full_name=f"Paralel {i}") for i in range(12)]
    results, errors = run_together(
        12, lambda i: services.event_register(actor=people[i], event_id=event.pk)
    )
    assert errors == []
    statuses = sorted(Registration.objects.values_list("status", flat=True))
    assert statuses.count("registered") == 5
    assert statuses.count("waitlisted") == 7
    # the waiting list is in the order the rows were made
    assert all(created for _r, created in results)


def test_parallel_retries_with_one_key_make_one_registration(fair, seekers):
    results, errors = run_together(
        10,
        lambda i: services.event_register(
            actor=seekers[0], event_id=fair.pk, idempotency_key="klik-ganda"
        ),
    )
    assert errors == []
    assert Registration.objects.count() == 1
    assert [created for _r, created in results].count(True) == 1


def test_parallel_cancellations_promote_each_waiting_person_once(fair, seekers):
    regs = [services.event_register(actor=s, event_id=fair.pk)[0] for s in seekers]
    run_together(
        2, lambda i: services.registration_cancel(actor=seekers[i], registration_id=regs[i].pk)
    )
    statuses = list(Registration.objects.order_by("id").values_list("status", flat=True))
    assert statuses == ["cancelled", "cancelled", "registered", "registered", "waitlisted"]
