"""Issue 14, item 6, with real threads: parallel requests for one account count one after
the other (the account row is locked), so no more than the limit is queued."""

from __future__ import annotations

import pytest

from pencaker.accounts import emails
from pencaker.applications.tests.test_concurrency import run_together
from pencaker.notifications.models import Notification

pytestmark = pytest.mark.django_db(transaction=True)


def test_fifteen_parallel_reset_requests_queue_at_most_the_limit(user_factory, settings):
    settings.PENCAKER_ACCOUNT_EMAIL_LIMIT = 3
    user = user_factory(email="serbu@example.id")

    def request(i: int) -> None:
        emails.password_reset_schedule(user=user, uid="x", token=f"token-{i}")

    _results, errors = run_together(15, request)
    assert errors == []
    assert Notification.objects.filter(recipient="serbu@example.id").count() == 3
