"""Query budgets of the submit path (issue 7, load targets).

Submission is the write the load benchmark measures. These budgets fail when a change adds
queries per submission (an N+1, a profile read twice, a lookup before every insert), long
before it shows in the benchmark figures. They count queries, never time.
"""

from __future__ import annotations

import datetime as dt
import uuid

import holidays
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from pencaker.accounts.api_auth import token_issue
from pencaker.applications import intake, services, sla
from pencaker.applications.choices import Status
from pencaker.core import calendar

# Inside the test's transaction (savepoints included); after commit the email and SMS are
# delivered by background tasks, which these budgets do not count.
SUBMIT_SERVICE_MAX_QUERIES = 26
SUBMIT_API_MAX_QUERIES = 31  # + token lookup and touch; the answer's SLA, timeline, items
WITHDRAW_SERVICE_MAX_QUERIES = 6


def _sql(context) -> list[str]:
    return [q["sql"] for q in context.captured_queries]


def test_submit_stays_within_its_query_budget(applicant, django_assert_max_num_queries):
    with django_assert_max_num_queries(SUBMIT_SERVICE_MAX_QUERIES):
        application, created = services.application_submit(actor=applicant, idempotency_key="k")
    assert created and application.status == Status.SUBMITTED
    assert application.history.count() == 1


def test_submit_over_the_api_stays_within_its_query_budget(
    applicant, django_assert_max_num_queries
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
    assert response.json()["status"] == Status.SUBMITTED


def test_submit_writes_the_application_row_once(applicant):
    with CaptureQueriesContext(connection) as context:
        services.application_submit(actor=applicant, idempotency_key="once")
    writes = [s for s in _sql(context) if '"applications_application"' in s.split("(")[0]]
    inserts = [s for s in writes if s.startswith("INSERT")]
    updates = [s for s in writes if s.startswith("UPDATE")]
    assert len(inserts) == 1 and updates == []


def test_submit_reads_the_profile_once_for_office_and_snapshot(applicant):
    with CaptureQueriesContext(connection) as context:
        application, _ = services.application_submit(actor=applicant, idempotency_key="p")
    profile_reads = [
        s for s in _sql(context) if s.startswith("SELECT") and '"seekers_jobseekerprofile"' in s
    ]
    # One in the profile app's completeness check, one here for the office and snapshot.
    assert len(profile_reads) == 2
    assert application.office.code == "16.71"
    assert application.snapshot["profile"]["full_name"]


def test_repeated_key_is_answered_with_few_queries(applicant, django_assert_max_num_queries):
    first, _ = services.application_submit(actor=applicant, idempotency_key="again")
    with django_assert_max_num_queries(4):
        again, created = services.application_submit(actor=applicant, idempotency_key="again")
    assert again.pk == first.pk and created is False


def test_withdraw_stays_within_its_query_budget(applicant, django_assert_max_num_queries):
    application, _ = services.application_submit(actor=applicant, idempotency_key="w")
    with django_assert_max_num_queries(WITHDRAW_SERVICE_MAX_QUERIES):
        withdrawn = services.application_withdraw(actor=applicant, application_id=application.pk)
    assert withdrawn.status == Status.WITHDRAWN


def test_snapshot_reads_the_whole_region_path_in_one_query(applicant):
    profile = intake.applicant_profile(applicant)
    with CaptureQueriesContext(connection) as context:
        snapshot = intake.profile_snapshot(applicant, profile=profile)
    region_reads = [s for s in _sql(context) if '"regions_region"' in s]
    assert len(region_reads) == 1
    path = snapshot["profile"]["region_path"]
    village = profile.village
    assert path[0] == village.name
    assert path[1:] == [village.parent.name, village.parent.parent.name, *path[3:]]
    assert len(path) == 4  # village, kecamatan, kabupaten/kota, province


def test_snapshot_without_a_loaded_profile_is_the_same(applicant):
    profile = intake.applicant_profile(applicant)
    assert intake.profile_snapshot(applicant) == intake.profile_snapshot(applicant, profile=profile)


def test_national_holidays_are_built_once_per_year(office, monkeypatch):
    built: list[object] = []
    real = holidays.country_holidays

    def counting(*args, **kwargs):
        built.append(kwargs.get("years"))
        return real(*args, **kwargs)

    calendar.national_holidays.cache_clear()
    monkeypatch.setattr(calendar.holidays, "country_holidays", counting)
    try:
        start = dt.datetime(2026, 1, 5, 9, 0, tzinfo=calendar.JAKARTA)
        deadlines = [
            sla.initial_due_at(office, start + dt.timedelta(days=day)) for day in range(0, 500, 3)
        ]
        assert all(d is not None for d in deadlines)
        assert sorted(built) == [2026, 2027]
    finally:
        calendar.national_holidays.cache_clear()


def test_submit_enqueues_the_email_and_sms_deliveries_together(
    applicant, django_capture_on_commit_callbacks
):
    from pencaker.notifications.models import DeliveryStatus, Notification

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        application, _ = services.application_submit(actor=applicant, idempotency_key="n")
    # One after-commit step (one transaction for both task rows), not one per message.
    assert len(callbacks) == 1
    sent = Notification.objects.filter(dedupe_key__startswith=f"application:{application.pk}:")
    assert sorted(sent.values_list("channel", flat=True)) == ["email", "sms"]
    assert set(sent.values_list("status", flat=True)) == {DeliveryStatus.SENT}
