"""Status tags: every status of requests, cards, employers, vacancies, job applications and
hire reports has a tag with its own text (never colour alone); a status added without a
tag fails here and at start-up."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.template import Context, Template
from django.utils import translation

from pencaker.applications.choices import Status as ApplicationStatus
from pencaker.applications.models import Application
from pencaker.cards.choices import CardStatus
from pencaker.cards.models import Card
from pencaker.core.status_tags import TagColour, status_tag_kinds, status_tag_register
from pencaker.employers.choices import Status as OrganisationStatus
from pencaker.training.choices import ProgrammeStatus as TrainingProgrammeStatus
from pencaker.training.choices import RegistrationStatus as TrainingRegistrationStatus
from pencaker.training.choices import WaveStatus as TrainingWaveStatus
from pencaker.vacancies.choices import ApplicationStatus as VacancyApplicationStatus
from pencaker.vacancies.choices import HireReportStatus
from pencaker.vacancies.choices import Status as VacancyStatus

ENUMS = {
    "applications.application": ApplicationStatus,
    "cards.card": CardStatus,
    "employers.organisation": OrganisationStatus,
    "vacancies.vacancy": VacancyStatus,
    "vacancies.vacancyapplication": VacancyApplicationStatus,
    "vacancies.hirereport": HireReportStatus,
    "training.programme": TrainingProgrammeStatus,
    "training.wave": TrainingWaveStatus,
    "training.registration": TrainingRegistrationStatus,
}
CASES = [(kind, value) for kind, enum in ENUMS.items() for value in enum.values]
COLOURS = "|".join(c.value for c in TagColour)
TAG = re.compile(rf'<strong class="tag tag-({COLOURS})">([^<]+)</strong>')


def render(source: str, **context) -> str:
    return Template("{% load pencaker_ui %}" + source).render(Context(context)).strip()


@pytest.mark.parametrize(("kind", "value"), CASES)
def test_every_status_has_a_coloured_tag_with_text(kind, value):
    with translation.override("id"):
        html = render("{% status_tag_for kind value %}", kind=kind, value=value)
    match = TAG.fullmatch(html)
    assert match, html
    assert match.group(2).strip()


def test_the_registered_kinds_are_the_ones_tested_here():
    assert status_tag_kinds() == dict(sorted(ENUMS.items()))


@pytest.mark.parametrize(
    ("obj", "word", "colour"),
    [
        (Application(status=ApplicationStatus.IN_REVIEW), "Diproses", "purple"),
        (Application(status=ApplicationStatus.NEEDS_CHANGES), "Dikembalikan", "yellow"),
        (Application(status=ApplicationStatus.APPROVED), "Disetujui", "green"),
        (Application(status=ApplicationStatus.REJECTED), "Ditolak", "red"),
        (Application(status=ApplicationStatus.WITHDRAWN), "Dibatalkan", "grey"),
        (Card(status=CardStatus.ACTIVE), "Aktif", "green"),
        (Card(status=CardStatus.EXPIRED), "Kedaluwarsa", "red"),
    ],
)
def test_the_filter_tags_an_object_by_its_status_in_indonesian(obj, word, colour):
    with translation.override("id"):
        html = render("{{ obj|status_tag }}", obj=obj)
    assert html == f'<strong class="tag tag-{colour}">{word}</strong>'


def test_two_statuses_of_one_kind_never_share_a_word():
    with translation.override("id"):
        for kind, enum in ENUMS.items():
            words = [render("{% status_tag_for k v %}", k=kind, v=v) for v in enum.values]
            assert len(set(words)) == len(words), kind


def test_registering_an_enum_with_a_status_left_out_fails():
    class Colour(models.TextChoices):
        RED = "red", "Red"
        BLUE = "blue", "Blue"

    with pytest.raises(ImproperlyConfigured, match="missing"):
        status_tag_register(kind="tests.colour", choices=Colour, tags={"red": ("R", TagColour.RED)})
    assert "tests.colour" not in status_tag_kinds()


def test_an_unknown_status_is_an_error_not_a_silent_grey_tag():
    with pytest.raises(LookupError):
        render("{% status_tag_for 'cards.card' 'lost' %}")
