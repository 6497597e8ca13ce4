"""Issue 11, item 5: a verified employer reports the hire of an AK/1 holder who did not
apply through Pencaker (card number + birth date); the holder confirms it (the placement
is recorded, source "employer") or declines it from the lifecycle page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pencaker.accounts.api_auth import token_issue
from pencaker.cards.choices import CardStatus
from pencaker.cards.models import Card
from pencaker.core.audit import AuditAction
from pencaker.core.errors import DomainError
from pencaker.core.models import AuditEvent
from pencaker.lifecycle.choices import PlacementSource
from pencaker.lifecycle.disputes import holder_may_dispute
from pencaker.lifecycle.models import Placement
from pencaker.notifications.models import Notification
from pencaker.vacancies.choices import HireReportStatus
from pencaker.vacancies.errors import VacancyErrorCode
from pencaker.vacancies.hire_reports import hire_report_create, hire_report_decide
from pencaker.vacancies.tests.test_views import _employer_client

pytestmark = pytest.mark.django_db


def current(holder) -> Card:
    return Card.objects.exclude(status=CardStatus.SUPERSEDED).get(holder=holder)


def report_fields(card: Card, **changes):
    values = {
        "card_number": card.number,
        "birth_date": card.birth_date,
        "position": "Kasir",
        "start_date": timezone.localdate(),
        "employment_type": "contract",
    }
    values.update(changes)
    return values


def test_holder_confirms_and_the_placement_is_recorded(employer, seeker_with_card):
    card = current(seeker_with_card)
    today = timezone.localdate()
    report = hire_report_create(actor=employer, today=today, **report_fields(card))
    assert report.status == HireReportStatus.PENDING
    assert Notification.objects.filter(
        kind="vacancy.hire_report_received", recipient=seeker_with_card.email
    ).exists()
    decided = hire_report_decide(
        actor=seeker_with_card, report_id=report.pk, confirm=True, today=today
    )
    assert decided.status == HireReportStatus.CONFIRMED
    placement = Placement.objects.get(pk=decided.placement_id)
    assert placement.source == PlacementSource.EMPLOYER
    assert current(seeker_with_card).status == CardStatus.PLACED
    assert AuditEvent.objects.filter(action=AuditAction.VACANCY_HIRE_REPORT_CONFIRMED).exists()
    assert holder_may_dispute(seeker_with_card)
    with pytest.raises(DomainError) as caught:
        hire_report_decide(actor=seeker_with_card, report_id=report.pk, confirm=False, today=today)
    assert caught.value.code == VacancyErrorCode.HIRE_REPORT_CLOSED


def test_holder_declines_and_nothing_is_recorded(employer, seeker_with_card):
    card = current(seeker_with_card)
    today = timezone.localdate()
    report = hire_report_create(actor=employer, today=today, **report_fields(card))
    hire_report_decide(actor=seeker_with_card, report_id=report.pk, confirm=False, today=today)
    assert not Placement.objects.exists()
    assert current(seeker_with_card).status == CardStatus.ACTIVE
    assert AuditEvent.objects.filter(action=AuditAction.VACANCY_HIRE_REPORT_DECLINED).exists()


def test_a_wrong_birth_date_finds_no_card(employer, seeker_with_card):
    card = current(seeker_with_card)
    with pytest.raises(DomainError) as caught:
        hire_report_create(
            actor=employer,
            today=timezone.localdate(),
            **report_fields(card, birth_date=card.birth_date + dt.timedelta(days=1)),
        )
    assert caught.value.code == VacancyErrorCode.CARD_NOT_FOUND


def test_missing_fields_are_refused_per_field(employer, seeker_with_card):
    card = current(seeker_with_card)
    with pytest.raises(DomainError) as caught:
        hire_report_create(
            actor=employer,
            today=timezone.localdate(),
            **report_fields(card, position="", employment_type="??"),
        )
    assert set(caught.value.fields) == {"position", "employment_type"}


def test_unverified_employer_and_a_seeker_cannot_report(employer_factory, seeker_with_card, seeker):
    card = current(seeker_with_card)
    unverified = employer_factory(verified=False, nib="9120001111111", email="x@baru.example.id")
    for actor in (unverified, seeker):
        with pytest.raises(DomainError) as caught:
            hire_report_create(actor=actor, today=timezone.localdate(), **report_fields(card))
        assert caught.value.code in {VacancyErrorCode.NOT_VERIFIED, VacancyErrorCode.NOT_EMPLOYER}


def test_a_second_pending_report_is_refused(employer, seeker_with_card):
    card = current(seeker_with_card)
    hire_report_create(actor=employer, today=timezone.localdate(), **report_fields(card))
    with pytest.raises(DomainError) as caught:
        hire_report_create(actor=employer, today=timezone.localdate(), **report_fields(card))
    assert caught.value.code == VacancyErrorCode.HIRE_REPORT_PENDING


def test_someone_else_cannot_answer(employer, seeker_with_card, seeker):
    card = current(seeker_with_card)
    report = hire_report_create(actor=employer, today=timezone.localdate(), **report_fields(card))
    with pytest.raises(DomainError) as caught:
        hire_report_decide(
            actor=seeker, report_id=report.pk, confirm=True, today=timezone.localdate()
        )
    assert caught.value.code == VacancyErrorCode.HIRE_REPORT_NOT_FOUND


def test_pages_report_then_confirm_on_the_lifecycle_page(
    client_factory_cls, employer, seeker_with_card
):
    card = current(seeker_with_card)
    c = _employer_client(client_factory_cls, employer)
    url = reverse("vacancies:employer_hire_report")
    assert c.get(url).status_code == 200
    fields = report_fields(card)
    fields["birth_date"] = card.birth_date.isoformat()
    fields["start_date"] = fields["start_date"].isoformat()
    assert c.post(url, fields).status_code == 302
    holder = client_factory_cls()
    holder.force_login(seeker_with_card)
    page = holder.get(reverse("lifecycle:home")).content.decode()
    report = seeker_with_card.hire_reports.get()
    confirm = reverse("vacancies:hire_report_confirm", args=[report.pk])
    assert confirm in page
    assert holder.post(confirm).status_code == 302
    assert current(seeker_with_card).status == CardStatus.PLACED


def test_the_report_form_shows_a_wrong_card_on_the_form(client_factory_cls, employer):
    c = _employer_client(client_factory_cls, employer)
    response = c.post(
        reverse("vacancies:employer_hire_report"),
        {
            "card_number": "0000",
            "birth_date": "2000-01-01",
            "position": "Kasir",
            "start_date": timezone.localdate().isoformat(),
            "employment_type": "contract",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_employer_hire_report_over_the_api(employer, seeker_with_card):
    card = current(seeker_with_card)
    c = Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=employer)}")
    fields = report_fields(card)
    fields["birth_date"] = card.birth_date.isoformat()
    fields["start_date"] = fields["start_date"].isoformat()
    r = c.post("/api/v1/vacancies/hire-reports", fields, content_type="application/json")
    assert r.status_code == 201, r.content
    assert r.json()["status"] == "pending"
    r = c.post(
        "/api/v1/vacancies/hire-reports",
        {**fields, "position": ""},
        content_type="application/json",
    )
    assert r.status_code == 400
    assert "position" in r.json()["details"]["fields"]
