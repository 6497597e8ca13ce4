"""Tighter query budgets of submission and the operator queue (issue 18).

With the office calendar compiled once per process (``PENCAKER_OFFICE_CALENDAR_CACHE_SECONDS``,
ADR 0029) and no look-up of the tracking number before the insert, a submission sends
fewer statements than the issue 7 budgets in ``test_query_budget.py`` (which stay as they
are). They count queries, never time.
"""

from __future__ import annotations

import re
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from pencaker.accounts.api_auth import token_issue
from pencaker.applications import services
from pencaker.applications.choices import Status
from pencaker.applications.services import submission
from pencaker.offices import selectors as office_selectors

SUBMIT_SERVICE_MAX_QUERIES = 24
SUBMIT_API_MAX_QUERIES = 28
QUEUE_API_MAX_QUERIES = 5  # token, its touch, the operator's office, closed days, the page


@pytest.fixture
def warm_calendar(settings, office):
    settings.PENCAKER_OFFICE_CALENDAR_CACHE_SECONDS = 60
    office_selectors.office_calendar_forget()
    office_selectors.office_calendar(office)
    yield
    office_selectors.office_calendar_forget()


def test_submit_with_a_warm_calendar_stays_within_the_tighter_budget(
    warm_calendar, applicant, django_assert_max_num_queries
):
    with django_assert_max_num_queries(SUBMIT_SERVICE_MAX_QUERIES):
        application, created = services.application_submit(actor=applicant, idempotency_key="k")
    assert created and application.status == Status.SUBMITTED and application.due_at


def test_submit_over_the_api_with_a_warm_calendar_stays_within_the_tighter_budget(
    warm_calendar, applicant, django_assert_max_num_queries
):
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=applicant)}")
    with django_assert_max_num_queries(SUBMIT_API_MAX_QUERIES):
        response = client.post(
            "/api/v1/applications/",
            b'{"type": "new"}',
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
        )
    assert response.status_code == 201
    assert response.json()["due_at"]


def test_submit_does_not_look_the_tracking_number_up_before_inserting(applicant):
    with CaptureQueriesContext(connection) as context:
        services.application_submit(actor=applicant, idempotency_key="t")
    lookups = [
        q["sql"]
        for q in context.captured_queries
        if q["sql"].startswith("SELECT") and "tracking_number" in q["sql"].split("WHERE")[-1]
    ]
    assert lookups == []


def test_a_tracking_number_already_taken_is_replaced_by_a_new_one(
    applicant, seeker_factory, monkeypatch
):
    first, _ = services.application_submit(actor=seeker_factory(), idempotency_key="a")
    numbers = iter([first.tracking_number, first.tracking_number, "AK1-2612-NEW0-0001"])
    monkeypatch.setattr(submission, "_tracking_number", lambda now: next(numbers))
    application, created = services.application_submit(actor=applicant, idempotency_key="b")
    assert created and application.tracking_number == "AK1-2612-NEW0-0001"
    assert application.history.count() == 1
    assert application.applicant == applicant


def test_a_tracking_number_that_stays_taken_is_refused_not_looped(
    applicant, seeker_factory, monkeypatch
):
    first, _ = services.application_submit(actor=seeker_factory(), idempotency_key="a")
    monkeypatch.setattr(submission, "_tracking_number", lambda now: first.tracking_number)
    with pytest.raises(Exception):  # noqa: B017 - the existing conflict answer, not a loop
        services.application_submit(actor=applicant, idempotency_key="b")


def _queue(client):
    with CaptureQueriesContext(connection) as context:
        response = client.get("/api/v1/applications/operator/queue")
    assert response.status_code == 200
    return response.json(), context.captured_queries


def test_operator_queue_reads_the_same_statements_for_few_and_many_requests(
    warm_calendar, operator, seeker_factory, django_assert_max_num_queries
):
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=operator)}")
    services.application_submit(actor=seeker_factory(), idempotency_key="q0")
    _queue(client)  # the token's first use also writes its last-used time
    few, few_queries = _queue(client)
    for n in range(1, 6):
        services.application_submit(actor=seeker_factory(), idempotency_key=f"q{n}")
    many, many_queries = _queue(client)
    assert len(few) == 1 and len(many) == 6
    assert len(many_queries) == len(few_queries) <= QUEUE_API_MAX_QUERIES


def test_operator_queue_does_not_read_the_frozen_snapshots_and_documents(operator, seeker_factory):
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=operator)}")
    applicant = seeker_factory()
    application, _ = services.application_submit(actor=applicant, idempotency_key="s")
    rows, queries = _queue(client)
    page = [q["sql"] for q in queries if 'FROM "applications_application"' in q["sql"]]
    assert len(page) == 1
    assert '"applications_application"."documents"' not in page[0]
    # The name comes out of the snapshot in SQL; the whole snapshot is not a column read.
    assert not re.search(r'(?<!\()"applications_application"\."snapshot"', page[0])
    [row] = rows
    assert row["tracking_number"] == application.tracking_number
    assert row["applicant_name"] == application.snapshot["profile"]["full_name"]
    assert row["claimed_by"] is None and row["remaining_hours"] is not None
