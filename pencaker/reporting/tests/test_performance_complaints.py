"""Staff performance: complaints naming each operator, per month, against a hand count on
the page, the XLSX and the API; an operator sees only their own row; a confidential
complainant's identity never appears."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from pencaker.accounts.api_auth import token_issue
from pencaker.accounts.models import Role
from pencaker.complaints.choices import Category, DeclineReason, Privacy, Status
from pencaker.complaints.models import Complaint
from pencaker.core.calendar import JAKARTA
from pencaker.reporting import performance
from pencaker.reporting.periods import month

pytestmark = pytest.mark.django_db

SECRET_NAME = "Rahasia Pelapor Sekali"
_numbers = itertools.count(1)


@pytest.fixture
def oki(user_factory, office):
    return user_factory(Role.OPERATOR, office=office, full_name="Oki Operator")


@pytest.fixture
def ola(user_factory, office):
    return user_factory(Role.OPERATOR, office=office, full_name="Ola Operator")


@pytest.fixture
def pimpinan(user_factory, office):
    return user_factory(Role.PIMPINAN, office=office, full_name="Kepala Dinas")


def complaint(office, named, received, **fields):
    n = next(_numbers)
    fields.setdefault("privacy", Privacy.ANONYMOUS)
    return Complaint.objects.create(
        office=office,
        tracking_number=f"ADU-2603-TEST-{n:04d}",
        secret_nonce="x" * 32,
        category=Category.STAFF_BEHAVIOUR,
        text="Petugas tidak ramah.",
        named_staff=named,
        received_at=received,
        verify_due_at=received + dt.timedelta(days=3),
        **fields,
    )


@pytest.fixture
def complaints(office, other_office, oki, ola, user_factory):
    """By hand: March, Oki 2 (one confidential), Ola 1 (a duplicate declined as such is
    not counted again); April, Oki 1, Ola 0. A complaint naming nobody counts for nobody."""
    day = lambda d, m=3, h=10: dt.datetime(2026, m, d, h, tzinfo=JAKARTA)  # noqa: E731
    complaint(office, oki, day(2))
    complaint(
        office, oki, day(31, h=23), privacy=Privacy.CONFIDENTIAL, name=SECRET_NAME,
        contact="rahasia@example.id",
    )  # fmt: skip
    complaint(office, ola, day(15))
    complaint(office, ola, day(16), status=Status.DECLINED, decline_reason=DeclineReason.DUPLICATE)
    complaint(office, None, day(17))
    complaint(office, oki, day(1, m=4, h=0))  # midnight in Jakarta: April, not March
    # Another office's staff member, named there: never in this office's figures.
    stranger = user_factory(Role.OPERATOR, office=other_office, full_name="Orang Lain")
    complaint(other_office, stranger, day(5))


def test_the_counts_per_operator_and_month_match_the_hand_count(office, oki, ola, complaints):
    march = performance.staff_performance(
        office=office, period=month(2026, 3), operators=[oki, ola]
    )
    april = performance.staff_performance(
        office=office, period=month(2026, 4), operators=[oki, ola]
    )
    assert [(r.operator_name, r.complaints_naming) for r in march.rows] == [
        ("Oki Operator", 2),
        ("Ola Operator", 1),
    ]
    assert [r.complaints_naming for r in april.rows] == [1, 0]


def test_page_xlsx_and_api_show_the_counts_without_any_identity(
    office, oki, ola, pimpinan, complaints, staff_client_factory
):
    client = staff_client_factory(pimpinan)
    page = client.get(reverse("reporting:performance"), {"month": "2026-03"})
    body = page.content.decode()
    assert page.status_code == 200
    assert body.count('data-figure="complaints">2<') == 1
    assert body.count('data-figure="complaints">1<') == 1
    assert "Pengaduan yang menyebut petugas" in body
    assert SECRET_NAME not in body and "rahasia@example.id" not in body

    xlsx = client.get(reverse("reporting:performance"), {"month": "2026-04", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    header = [cell.value for cell in sheet[4]]
    column = header.index("Pengaduan yang menyebut petugas")
    figures = {
        (r[0], r[1]): r[column]
        for r in sheet.iter_rows(min_row=5, values_only=True)
        if r[0] in ("Maret 2026", "April 2026")
    }
    assert figures == {
        ("Maret 2026", "Oki Operator"): 2,
        ("Maret 2026", "Ola Operator"): 1,
        ("April 2026", "Oki Operator"): 1,
        ("April 2026", "Ola Operator"): 0,
    }
    cells = [str(v) for r in sheet.iter_rows(values_only=True) for v in r if v is not None]
    assert not any(SECRET_NAME in v or "rahasia@example.id" in v for v in cells)

    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=pimpinan)}")
    answer = api.get("/api/v1/reports/staff-performance", {"month": "2026-03"})
    assert answer.status_code == 200
    by_name = {row["operator_name"]: row["complaints_naming"] for row in answer.json()["operators"]}
    assert by_name["Oki Operator"] == 2 and by_name["Ola Operator"] == 1
    assert SECRET_NAME not in answer.content.decode()


def test_an_operator_sees_only_their_own_count(office, oki, ola, complaints, staff_client_factory):
    page = staff_client_factory(ola).get(reverse("reporting:performance"), {"month": "2026-03"})
    body = page.content.decode()
    assert "Ola Operator" in body and "Oki Operator" not in body
    assert body.count('data-figure="complaints">') == 1
    assert 'data-figure="complaints">1<' in body
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=ola)}")
    rows = api.get("/api/v1/reports/staff-performance", {"month": "2026-03"}).json()["operators"]
    assert [(r["operator_name"], r["complaints_naming"]) for r in rows] == [("Ola Operator", 1)]
