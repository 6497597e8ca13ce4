"""Fixtures for vacancy tests: a verified employer, a published vacancy, job seekers with
and without an active AK/1 card (built through the services, as production makes them)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from pencaker.employers import services as employer_services
from pencaker.employers.kbli import kbli_import_demo
from pencaker.employers.tests.conftest import organisation_fields, pdf_upload, village_in
from pencaker.lifecycle.tests import conftest as lifecycle_fixtures
from pencaker.vacancies import services
from pencaker.vacancies.kbji import kbji_import_demo

# The card fixtures of the lifecycle tests (a signed office, holders, an issued card).
_card_data_dir = lifecycle_fixtures._card_data_dir
signed_office = lifecycle_fixtures.signed_office
holder_factory = lifecycle_fixtures.holder_factory
approved_application_factory = lifecycle_fixtures.approved_application_factory
issue_card = lifecycle_fixtures.issue_card


@pytest.fixture(autouse=True)
def _catalogues(db):
    kbli_import_demo()
    kbji_import_demo()


@pytest.fixture
def operator(user_factory, signed_office):
    from pencaker.accounts.models import Role

    return user_factory(Role.OPERATOR, office=signed_office, full_name="Rina Petugas")


@pytest.fixture
def other_operator(user_factory, other_office):
    from pencaker.accounts.models import Role

    return user_factory(Role.OPERATOR, office=other_office)


@pytest.fixture
def employer_factory(user_factory, signed_office):
    from pencaker.accounts.models import Role

    def make(*, verified=True, operator=None, nib="9120001234567", email="hrd@roti.example.id"):
        user = user_factory(Role.EMPLOYER, email=email, full_name="Dewi HRD")
        organisation = employer_services.organisation_register(
            actor=user,
            document=pdf_upload(),
            **organisation_fields(
                village_in(signed_office), nib=nib, npwp="", email=f"kontak-{email}"
            ),
        )
        if verified:
            employer_services.organisation_verify(actor=operator, organisation_id=organisation.pk)
        return user

    return make


@pytest.fixture
def employer(employer_factory, operator):
    return employer_factory(operator=operator)


@pytest.fixture
def other_employer(employer_factory, operator):
    return employer_factory(operator=operator, nib="9120007654321", email="hrd@lain.example.id")


def vacancy_fields(office, **overrides):
    fields = {
        "title": "Pembuat Roti",
        "description": "Membuat roti dan kue setiap pagi.",
        "occupation": "7512",
        "openings": 1,
        "min_education": "SMA",
        "skills": "membuat adonan, kebersihan",
        "location": office.region,
        "employment_type": "contract",
        "salary_min": 3_500_000,
        "salary_max": 4_000_000,
        "hours": "06.00–14.00",
        "closing_date": timezone.localdate() + dt.timedelta(days=30),
    }
    fields.update(overrides)
    return fields


@pytest.fixture
def draft(employer, signed_office):
    return services.vacancy_create(actor=employer, **vacancy_fields(signed_office))


@pytest.fixture
def submitted(draft, employer):
    return services.vacancy_submit(actor=employer, vacancy_id=draft.pk)


@pytest.fixture
def published(submitted, operator):
    return services.vacancy_publish(actor=operator, vacancy_id=submitted.pk)


@pytest.fixture
def published_ak1(employer, operator, signed_office):
    vacancy = services.vacancy_create(
        actor=employer,
        **vacancy_fields(signed_office, title="Kasir", ak1_required=True, occupation="5230"),
    )
    services.vacancy_submit(actor=employer, vacancy_id=vacancy.pk)
    return services.vacancy_publish(actor=operator, vacancy_id=vacancy.pk)


@pytest.fixture
def seeker(holder_factory):
    return holder_factory(full_name="Siti Rahmawati")


@pytest.fixture
def seeker_with_card(holder_factory, issue_card):
    user = holder_factory(full_name="Budi Santoso")
    issue_card(user, on=timezone.localdate() - dt.timedelta(days=10))
    return user
