"""Real threads against a real database (SQLite and PostgreSQL): no duplicates, one winner.

Each thread has its own database connection; a barrier releases them together so the
calls overlap. ``transactional_db`` commits for real, so the row locks and the unique
constraints are what keeps the data right, as in production.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connections

from pencaker.applications import services
from pencaker.applications.choices import ReturnReason, Status
from pencaker.applications.models import Application, ApplicationStatusChange
from pencaker.core.errors import Conflict
from pencaker.notifications.models import Notification

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(count: int, call: Callable[[int], Any]) -> tuple[list[Any], list[BaseException]]:
    """Run ``call(i)`` in ``count`` threads released at the same moment."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count
    errors: list[BaseException | None] = [None] * count

    def worker(i: int) -> None:
        try:
            barrier.wait(timeout=60)
            results[i] = call(i)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted by the test
            errors[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread did not finish"
    return results, [e for e in errors if e is not None]


def test_twenty_parallel_submits_with_one_key_make_one_application(applicant):
    results, errors = run_together(
        20,
        lambda i: services.application_submit(actor=applicant, idempotency_key="klik-ganda-1"),
    )

    assert errors == []
    application = Application.objects.get()
    assert {app.tracking_number for app, _created in results} == {application.tracking_number}
    assert sorted(created for _app, created in results) == [False] * 19 + [True]
    assert application.history.count() == 1
    assert Notification.objects.filter(kind="application.submitted", channel="email").count() == 1


def test_two_operators_claiming_at_once_one_gets_it(make_application, operator, operator2):
    application = make_application(Status.SUBMITTED)
    people = [operator, operator2]

    results, errors = run_together(
        2, lambda i: services.application_claim(actor=people[i], application_id=application.pk)
    )

    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW
    assert len(errors) == 1
    assert isinstance(errors[0], Conflict)
    assert errors[0].code == "claimed_by_other"
    winner = next(r for r in results if r is not None)
    assert application.claimed_by_id == winner.claimed_by_id
    assert (
        ApplicationStatusChange.objects.filter(
            application=application, to_status=Status.IN_REVIEW
        ).count()
        == 1
    )


def test_approve_and_return_at_once_exactly_one_wins(make_application, operator, admin_dinas):
    application = make_application(Status.IN_REVIEW)

    def decide(i: int) -> Application:
        if i == 0:
            return services.application_approve(actor=operator, application_id=application.pk)
        return services.application_return(
            actor=admin_dinas,
            application_id=application.pk,
            items=[services.ReturnItemInput("document:photo", ReturnReason.UNREADABLE)],
        )

    results, errors = run_together(2, decide)

    application.refresh_from_db()
    assert len(errors) == 1, errors
    loser = errors[0]
    assert isinstance(loser, Conflict)
    assert loser.status == 409
    assert loser.code in {"already_decided", "invalid_transition"}
    assert application.status in {Status.APPROVED, Status.NEEDS_CHANGES}
    decisions = ApplicationStatusChange.objects.filter(
        application=application, from_status=Status.IN_REVIEW
    )
    assert decisions.count() == 1
    assert decisions.get().to_status == application.status


def test_two_operators_approving_at_once_the_second_is_told_it_is_decided(
    make_application, operator, admin_dinas
):
    application = make_application(Status.IN_REVIEW)
    people = [operator, admin_dinas]

    results, errors = run_together(
        2, lambda i: services.application_approve(actor=people[i], application_id=application.pk)
    )

    application.refresh_from_db()
    assert application.status == Status.APPROVED
    assert len(errors) == 1
    assert isinstance(errors[0], Conflict)
    assert errors[0].code == "already_decided"
    assert "sudah diputuskan" in errors[0].message
    assert Notification.objects.filter(kind="application.approved", channel="email").count() == 1
