from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from pencaker.accounts.models import Role


@pytest.fixture(autouse=True)
def _standard_questions_present(request):
    """The 9 standard questions come from a data migration; a transactional test anywhere
    in the session flushes them, so put them back for every database test here."""
    names = request.fixturenames
    if "transactional_db" in names or "live_server" in names:
        request.getfixturevalue("transactional_db")
    elif "db" in names or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
    else:
        return
    seed = importlib.import_module("pencaker.surveys.migrations.0002_seed_standard_questions")
    seed.seed(django_apps, None)


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
