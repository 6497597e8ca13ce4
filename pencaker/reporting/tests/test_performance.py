"""Staff performance: the figures of one month match a hand count, an operator sees only
their own figures, and every view is in the audit log."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from pencaker.accounts.api_auth import token_issue
from pencaker.accounts.models import Role
from pencaker.applications.choices import ApplicationType, Status
from pencaker.applications.models import Application, ApplicationStatusChange, ReturnItem
from pencaker.applications.sla import initial_due_at
from pencaker.core.calendar import JAKARTA
from pencaker.core.models import AuditEvent
from pencaker.reporting import performance
from pencaker.reporting.periods import month

pytestmark = pytest.mark.django_db

MARCH = month(2026, 3)


def at(day: int, hour: int, month_number: int = 3) -> dt.datetime:
    return dt.datetime(2026, month_number, day, hour, 0, tzinfo=JAKARTA)


@pytest.fixture
def oki(user_factory, office):
    return user_factory(Role.OPERATOR, office=office, full_name="Oki Operator")


@pytest.fixture
def ola(user_factory, office):
    return user_factory(Role.OPERATOR, office=office, full_name="Ola Operator")


@pytest.fixture
def pimpinan(user_factory, office):
    return user_factory(Role.PIMPINAN, office=office, full_name="Kepala Dinas")


@pytest.fixture
def decided(office, holder_factory):
    counter = {"n": 0}

    def make(operator, submitted, decided_at, *, status=Status.APPROVED, holder=None, **extra):
        counter["n"] += 1
        return Application.objects.create(
            applicant=holder or holder_factory(),
            office=office,
            type=extra.pop("type", ApplicationType.NEW),
            status=status,
            tracking_number=f"T-{counter['n']:04d}",
            submitted_at=submitted,
            due_at=initial_due_at(office, submitted),
            decided_at=decided_at,
            decided_by=operator,
            **extra,
        )

    return make


def _return(application, operator, when, reasons):
    change = ApplicationStatusChange.objects.create(
        application=application, from_status="in_review", to_status="needs_changes", actor=operator
    )
    ApplicationStatusChange.objects.filter(pk=change.pk).update(at=when)
    for n, label in enumerate(reasons):
        ReturnItem.objects.create(
            application=application,
            status_change=change,
            item=f"item{n}",
            reason=f"r{n}",
            reason_label=label,
        )


@pytest.fixture
def march(office, oki, ola, decided, holder_factory):
    """A month built by hand (office hours 08–16, SLA one working day = 8 hours)."""
    # Oki: 4 h, within (Tue 08–12); 10 h, late (Wed 09 → Thu 11); 4 h over a weekend,
    # within (Fri 14 → Mon 10); rejected is the second.
    decided(oki, at(3, 8), at(3, 12))
    decided(oki, at(4, 9), at(5, 11), status=Status.REJECTED)
    decided(oki, at(6, 14), at(9, 10))
    decided(oki, at(1, 8, 4), at(1, 9, 4))  # April: not in March
    holder = holder_factory()
    decided(oki, at(10, 8, 2), at(10, 9, 2), holder=holder)  # February: the card Oki approved
    # Two returns by Oki (three items), one by Ola.
    returned = decided(None, at(10, 8), None, status=Status.NEEDS_CHANGES)
    _return(returned, oki, at(10, 10), ["Foto buram", "KTP kedaluwarsa"])
    other = decided(None, at(11, 8), None, status=Status.NEEDS_CHANGES)
    _return(other, oki, at(11, 10), ["Foto buram"])
    _return(other, ola, at(12, 10), ["Ijazah tidak terbaca"])
    # Oki filed one request at the counter for a citizen.
    assisted = decided(None, at(12, 8), None, status=Status.SUBMITTED, assisted_by=oki)
    Application.objects.filter(pk=assisted.pk).update(created_at=at(12, 8))
    # Ola: 2 h; and the change of data of the holder whose card Oki approved: 1 h.
    decided(ola, at(12, 8), at(12, 10))
    decided(ola, at(13, 8), at(13, 9), holder=holder, type=ApplicationType.DATA_CHANGE)


def test_the_figures_of_march_match_the_hand_count(office, oki, ola, march):
    report = performance.staff_performance(office=office, period=MARCH, operators=[oki, ola])
    by_name = {row.operator_name: row for row in report.rows}
    o, a = by_name["Oki Operator"], by_name["Ola Operator"]
    assert (o.decisions, o.approvals, o.rejections) == (3, 2, 1)
    assert o.median_hours == 4.0  # median of 4, 10, 4
    assert (o.within_sla, o.share_within_sla) == (2, 2 / 3)
    assert o.returns == 2
    assert o.return_reason_list == [("Foto buram", 2), ("KTP kedaluwarsa", 1)]
    assert o.assisted == 1
    assert o.reissues_after_error == 1
    assert (a.decisions, a.approvals, a.rejections) == (2, 2, 0)
    assert a.median_hours == 1.5  # median of 2 and 1
    assert (a.within_sla, a.returns, a.assisted, a.reissues_after_error) == (2, 1, 0, 0)
    assert a.return_reason_list == [("Ijazah tidak terbaca", 1)]


def test_a_registered_source_adds_columns(office, oki, march):
    def complaints(office_, start, end):
        return {oki.pk: {"Pengaduan yang menyebut petugas": 2}}

    performance.performance_source_register(complaints)
    try:
        report = performance.staff_performance(office=office, period=MARCH, operators=[oki])
    finally:
        performance._SOURCES.remove(complaints)
    assert report.rows[0].extra == {"Pengaduan yang menyebut petugas": 2}
    assert report.extra_columns == ["Pengaduan yang menyebut petugas"]


def test_an_operator_sees_only_their_own_figures(
    office, oki, ola, pimpinan, march, staff_client_factory
):
    assert performance.operators_for(oki) == [oki]
    with pytest.raises(performance.NotFound):
        performance.operators_for(oki, ola.pk)
    assert {u.pk for u in performance.operators_for(pimpinan)} >= {oki.pk, ola.pk}

    page = staff_client_factory(oki).get(reverse("reporting:performance"), {"month": "2026-03"})
    assert page.status_code == 200
    body = page.content.decode()
    assert "Oki Operator" in body and "Ola Operator" not in body
    other = staff_client_factory(oki).get(
        reverse("reporting:performance"), {"month": "2026-03", "operator": ola.pk}
    )
    assert other.status_code == 404
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=oki)}")
    refused = api.get("/api/v1/reports/staff-performance", {"month": "2026-03", "operator": ola.pk})
    assert refused.status_code == 404
    own = api.get("/api/v1/reports/staff-performance", {"month": "2026-03"})
    assert [row["operator_name"] for row in own.json()["operators"]] == ["Oki Operator"]


def test_the_head_of_office_sees_everyone_and_every_view_is_audited(
    office, oki, ola, pimpinan, march, staff_client_factory
):
    client = staff_client_factory(pimpinan)
    page = client.get(reverse("reporting:performance"), {"month": "2026-03"})
    body = page.content.decode()
    assert "Oki Operator" in body and "Ola Operator" in body
    xlsx = client.get(reverse("reporting:performance"), {"month": "2026-03", "format": "xlsx"})
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = [r for r in sheet.iter_rows(min_row=5, values_only=True) if r[1] == "Oki Operator"]
    march_row = [r for r in rows if r[0] == "Maret 2026"][0]
    assert march_row[2:5] == (3, 2, 1)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=pimpinan)}")
    answer = api.get("/api/v1/reports/staff-performance", {"month": "2026-03"})
    assert answer.status_code == 200
    views = AuditEvent.objects.filter(action="staff.performance_viewed", actor=pimpinan)
    assert [e.data["channel"] for e in views.order_by("pk")] == ["page", "xlsx", "api"]
    assert all(e.data["period"] == "2026-03" for e in views)
    assert set(views.first().data["operators"]) >= {oki.pk, ola.pk}


def test_a_citizen_cannot_see_staff_performance(client, user_factory, db):
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=user_factory())}")
    assert api.get("/api/v1/reports/staff-performance", {"month": "2026-03"}).status_code == 403
    assert AuditEvent.objects.filter(action="staff.performance_viewed").count() == 0


def test_a_bad_month_is_refused_with_a_message(office, oki, staff_client_factory):
    page = staff_client_factory(oki).get(reverse("reporting:performance"), {"month": "2026-13"})
    assert page.status_code == 400
