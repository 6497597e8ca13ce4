"""Fixtures for matching: the vacancy fixtures (verified employer, operator, published
vacancy) and seekers whose profiles are built through the seekers services."""

from __future__ import annotations

import datetime as dt

import pytest

from pencaker.matching import services
from pencaker.matching.vocabulary import skills_import_demo
from pencaker.seekers import services as seeker_services
from pencaker.vacancies import services as vacancy_services
from pencaker.vacancies.tests import conftest as vacancy_fixtures
from pencaker.vacancies.tests.conftest import vacancy_fields

_catalogues = vacancy_fixtures._catalogues
_card_data_dir = vacancy_fixtures._card_data_dir
signed_office = vacancy_fixtures.signed_office
holder_factory = vacancy_fixtures.holder_factory
approved_application_factory = vacancy_fixtures.approved_application_factory
issue_card = vacancy_fixtures.issue_card
operator = vacancy_fixtures.operator
other_operator = vacancy_fixtures.other_operator
employer_factory = vacancy_fixtures.employer_factory
employer = vacancy_fixtures.employer
other_employer = vacancy_fixtures.other_employer


@pytest.fixture(autouse=True)
def _vocabulary(db):
    skills_import_demo()


@pytest.fixture
def seeker_factory(holder_factory):
    """A seeker with SMK Akuntansi, the given skills, and the two switches as asked."""

    def make(
        *,
        skills=("Excel", "pembukuan"),
        level="SMK",
        major="Akuntansi",
        discoverable=True,
        alerts=False,
        years=0,
        **profile,
    ):
        user = holder_factory(**profile)
        p = user.seeker_profile
        p.education.all().delete()
        seeker_services.education_add(
            actor=user,
            profile=p,
            level=level,
            institution="SMK 1",
            major=major,
            graduation_year=2018,
        )
        for name in skills:
            seeker_services.skill_add(actor=user, profile=p, name=name)
        if years:
            seeker_services.experience_add(
                actor=user,
                profile=p,
                employer="CV Maju",
                position="Staf",
                start_date=dt.date.today() - dt.timedelta(days=366 * years),
            )
        if discoverable or alerts:
            services.matching_settings_update(
                actor=user, discoverable=discoverable, alerts_enabled=alerts
            )
        return user

    return make


@pytest.fixture
def vacancy_factory(employer, operator, signed_office):
    def make(publish=True, **overrides):
        fields = vacancy_fields(
            signed_office,
            **{
                "title": "Staf Administrasi Keuangan",
                "occupation": "3313",
                "min_education": "SMK",
                "skills": "Microsoft Excel, Akuntansi, Perpajakan, SIM B1",
                "majors": "Akuntansi",
                **overrides,
            },
        )
        vacancy = vacancy_services.vacancy_create(actor=employer, **fields)
        vacancy_services.vacancy_submit(actor=employer, vacancy_id=vacancy.pk)
        if publish:
            vacancy = vacancy_services.vacancy_publish(actor=operator, vacancy_id=vacancy.pk)
        return vacancy

    return make


from pencaker.employers.tests.conftest import employer_client_factory  # noqa: E402,F401
