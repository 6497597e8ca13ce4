"""A phone-first account (no email, ADR 0027/0032) gets the vacancy messages by SMS."""

from __future__ import annotations

import pytest
from django.utils import timezone

from pencaker.accounts.models import User
from pencaker.cards.choices import CardStatus
from pencaker.cards.models import Card
from pencaker.notifications.models import Notification
from pencaker.vacancies.hire_reports import hire_report_create

pytestmark = pytest.mark.django_db


def _phone_only(user, number):
    User.objects.filter(pk=user.pk).update(
        email=None, phone=number, phone_verified_at=timezone.now()
    )
    user.refresh_from_db()
    return user


def test_a_hire_report_reaches_a_phone_only_holder(employer, seeker_with_card):
    holder = _phone_only(seeker_with_card, "+6281322228282")
    card = Card.objects.exclude(status=CardStatus.SUPERSEDED).get(holder=holder)
    hire_report_create(
        actor=employer,
        today=timezone.localdate(),
        card_number=card.number,
        birth_date=card.birth_date,
        position="Kasir",
        start_date=timezone.localdate(),
        employment_type="contract",
    )
    [row] = Notification.objects.filter(kind="vacancy.hire_report_received")
    assert (row.channel, row.recipient) == ("sms", "+6281322228282")
    assert "Kasir" in row.body


def test_an_application_status_reaches_a_phone_only_applicant(published, holder_factory):
    from pencaker.vacancies import services

    applicant = _phone_only(holder_factory(full_name="Sari Pelamar"), "+6281322228383")
    services.vacancy_apply(actor=applicant, vacancy_id=published.pk)
    rows = Notification.objects.filter(kind__startswith="vacancy.application_")
    assert rows.exists()
    assert {(r.channel, r.recipient) for r in rows} == {("sms", "+6281322228383")}
    assert all(published.title in r.body for r in rows)
