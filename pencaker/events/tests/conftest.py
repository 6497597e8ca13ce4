"""Fixtures for event tests: the vacancies fixtures (a verified employer, a published
vacancy, seekers with and without a card), an operator and a published job fair."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from pencaker.events import services
from pencaker.vacancies.tests import conftest as vacancy_fixtures

_card_data_dir = vacancy_fixtures._card_data_dir
_catalogues = vacancy_fixtures._catalogues
approved_application_factory = vacancy_fixtures.approved_application_factory
draft = vacancy_fixtures.draft
employer = vacancy_fixtures.employer
employer_factory = vacancy_fixtures.employer_factory
holder_factory = vacancy_fixtures.holder_factory
issue_card = vacancy_fixtures.issue_card
operator = vacancy_fixtures.operator
other_operator = vacancy_fixtures.other_operator
published = vacancy_fixtures.published
seeker = vacancy_fixtures.seeker
seeker_with_card = vacancy_fixtures.seeker_with_card
signed_office = vacancy_fixtures.signed_office
submitted = vacancy_fixtures.submitted


def fair_input(**overrides):
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=7)
    fields = {
        "kind": "job_fair",
        "title": "Bursa Kerja Kota Palembang 2026",
        "starts_at": start,
        "ends_at": start + dt.timedelta(hours=6),
        "place": "Gedung Serbaguna, Jl. Merdeka 1",
        "quota": 2,
        "description": "Bursa kerja dengan 20 perusahaan.",
    }
    fields.update(overrides)
    return services.EventInput(**fields)


@pytest.fixture
def fair(operator):
    return services.event_create(actor=operator, data=fair_input())


@pytest.fixture
def seekers(holder_factory):
    return [holder_factory(full_name=f"Pencari {i}") for i in range(5)]
