"""The vacancy services write the IPK register (VacancyEvent) in positions."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from pencaker.vacancies import services
from pencaker.vacancies.models import VacancyEvent
from pencaker.vacancies.tests.conftest import vacancy_fields


def kinds(vacancy):
    return list(
        VacancyEvent.objects.filter(vacancy=vacancy).values_list("kind", "positions", "sex")
    )


def test_publishing_registers_every_opening_with_groups_frozen(employer, operator, signed_office):
    vacancy = services.vacancy_create(
        actor=employer,
        **vacancy_fields(
            signed_office,
            openings=4,
            sex_limit="P",
            limits_reason="Pekerjaan merawat pasien perempuan di bangsal khusus",
        ),
    )
    services.vacancy_submit(actor=employer, vacancy_id=vacancy.pk)
    assert kinds(vacancy) == []
    services.vacancy_publish(actor=operator, vacancy_id=vacancy.pk)
    event = VacancyEvent.objects.get(vacancy=vacancy)
    assert (event.kind, event.positions, event.sex) == ("registered", 4, "F")
    assert (event.education_level, event.occupation_group) == ("SMA", "7")
    assert event.occurred_on == timezone.localdate()


def test_withdrawing_a_published_vacancy_removes_its_open_positions(published, employer):
    services.vacancy_close(actor=employer, vacancy_id=published.pk, reason="withdrawn")
    assert kinds(published) == [("registered", 1, ""), ("removed", 1, "")]


def test_closing_as_filled_outside_pencaker_counts_the_positions_as_filled(published, employer):
    services.vacancy_close(actor=employer, vacancy_id=published.pk, reason="filled")
    assert kinds(published) == [("registered", 1, ""), ("filled", 1, "")]


def test_expiry_removes_the_open_positions(published):
    services.vacancies_daily(today=published.closing_date + dt.timedelta(days=1))
    assert kinds(published) == [("registered", 1, ""), ("removed", 1, "")]


def test_withdrawing_a_draft_writes_nothing(draft, employer):
    services.vacancy_close(actor=employer, vacancy_id=draft.pk, reason="withdrawn")
    assert kinds(draft) == []


def test_a_hire_fills_one_position_with_the_hired_persons_sex(
    published_ak1, seeker_with_card, employer
):
    application, _ = services.vacancy_apply(actor=seeker_with_card, vacancy_id=published_ak1.pk)
    for step in ("shortlisted", "offered"):
        services.employer_application_update(actor=employer, application_id=application.pk, to=step)
    services.employer_application_update(
        actor=employer, application_id=application.pk, to="hired", start_date=timezone.localdate()
    )
    rows = VacancyEvent.objects.filter(vacancy=published_ak1).values_list(
        "kind", "positions", "placed_sex"
    )
    # one opening: the hire fills it and the vacancy closes as filled with nothing left
    assert list(rows) == [("registered", 1, ""), ("filled", 1, seeker_with_card.seeker_profile.sex)]
