"""Real threads against a real database (run on PostgreSQL with scripts/pgtmp.py): one
application per Idempotency-Key, one per seeker and vacancy, one hire per last opening."""

from __future__ import annotations

import pytest

from pencaker.applications.tests.test_concurrency import run_together
from pencaker.notifications.models import Notification
from pencaker.vacancies import services
from pencaker.vacancies.models import VacancyApplication, VacancyApplicationStatusChange

pytestmark = pytest.mark.django_db(transaction=True)


def test_twenty_parallel_applies_with_one_key_make_one_application(published, seeker):
    results, errors = run_together(
        20,
        lambda i: services.vacancy_apply(
            actor=seeker, vacancy_id=published.pk, idempotency_key="same-key"
        ),
    )
    assert errors == []
    assert VacancyApplication.objects.count() == 1
    application = VacancyApplication.objects.get()
    assert {r[0].pk for r in results} == {application.pk}
    assert [r[1] for r in results].count(True) == 1
    assert VacancyApplicationStatusChange.objects.count() == 1
    assert Notification.objects.filter(kind="vacancy.application_received").count() == 1


def test_parallel_applies_with_different_keys_make_one_application(published, seeker):
    results, errors = run_together(
        8,
        lambda i: services.vacancy_apply(
            actor=seeker, vacancy_id=published.pk, idempotency_key=f"key-{i}"
        ),
    )
    assert VacancyApplication.objects.count() == 1
    assert len(errors) == 7
    assert all(getattr(e, "code", "") == "already_applied" for e in errors)
