from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from pencaker.accounts.models import Role


@pytest.fixture
def operator(user_factory, office):
    return user_factory(role=Role.OPERATOR, office=office)


@pytest.fixture
def operator_client(staff_client_factory, operator):
    return staff_client_factory(operator)


@pytest.fixture
def period(office, operator):
    from pencaker.surveys.services import period_create

    today = timezone.localdate()
    return period_create(
        actor=operator,
        office=office,
        name=f"Tahun {today.year}",
        start_date=today - dt.timedelta(days=60),
        end_date=today + dt.timedelta(days=30),
        target_population=100,
    )


@pytest.fixture
def standard_questions(db):
    from pencaker.surveys.models import Question

    return {q.element: q for q in Question.objects.filter(office__isnull=True)}


@pytest.fixture
def answer_all(standard_questions):
    """``answer_all(3)`` -> answers for the 9 standard questions, all 3 (overridable)."""

    def make(value: int = 3, **by_element: int | None) -> dict[int, int | None]:
        return {q.id: by_element.get(code, value) for code, q in standard_questions.items()}

    return make
