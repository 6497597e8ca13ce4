"""Issue 11, item 5: the holder disputes a placement reported by an employer; an operator
of the card's office upholds it or annuls it (the card is re-issued active)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from pencaker.cards.choices import CardStatus
from pencaker.cards.models import Card
from pencaker.core.audit import AuditAction
from pencaker.core.errors import DomainError
from pencaker.core.models import AuditEvent
from pencaker.lifecycle.choices import DisputeStatus
from pencaker.lifecycle.disputes import dispute_open, dispute_resolve, holder_may_dispute
from pencaker.lifecycle.errors import LifecycleErrorCode
from pencaker.lifecycle.services import (
    PlacementInput,
    placement_record,
    placement_record_by_employer,
)
from pencaker.notifications.models import Notification as OutboxMessage

pytestmark = pytest.mark.django_db


def job(start: dt.date) -> PlacementInput:
    return PlacementInput(
        employer="PT Salah Catat",
        position="Staf gudang",
        sector="trade",
        start_date=start,
        area="AKL",
    )


def current(holder) -> Card:
    return Card.objects.exclude(status=CardStatus.SUPERSEDED).get(holder=holder)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def hired(card, holder, today):
    placement = placement_record_by_employer(
        actor=None, holder=holder, placement=job(today), today=today
    )
    assert placement is not None
    return placement


def test_holder_disputes_an_employer_placement_once(hired, holder, today):
    assert holder_may_dispute(holder)
    dispute = dispute_open(actor=holder, reason="Saya tidak pernah melamar ke sana.", today=today)
    assert dispute.status == DisputeStatus.OPEN
    assert not holder_may_dispute(holder)
    assert AuditEvent.objects.filter(action=AuditAction.LIFECYCLE_PLACEMENT_DISPUTED).exists()
    assert OutboxMessage.objects.filter(kind="lifecycle.dispute_received").exists()
    with pytest.raises(DomainError) as caught:
        dispute_open(actor=holder, reason="Sekali lagi, ini salah sekali.", today=today)
    assert caught.value.code == LifecycleErrorCode.DISPUTE_NOT_ALLOWED


def test_a_short_reason_is_refused_on_the_field(hired, holder, today):
    with pytest.raises(DomainError) as caught:
        dispute_open(actor=holder, reason="salah", today=today)
    assert "reason" in caught.value.fields


def test_the_holders_own_placement_cannot_be_disputed(card, holder, today):
    placement_record(actor=holder, card_number=card.number, placement=job(today), today=today)
    assert not holder_may_dispute(holder)
    with pytest.raises(DomainError) as caught:
        dispute_open(actor=holder, reason="Saya tidak bekerja di sana.", today=today)
    assert caught.value.code == LifecycleErrorCode.DISPUTE_NOT_ALLOWED


def test_operator_annuls_and_the_card_is_active_again(hired, holder, operator, today):
    dispute = dispute_open(actor=holder, reason="Saya tidak bekerja di sana.", today=today)
    resolved = dispute_resolve(
        actor=operator,
        dispute_id=dispute.pk,
        decision="annul",
        note="Perusahaan salah memasukkan nomor kartu.",
        today=today,
    )
    assert resolved.status == DisputeStatus.ANNULLED
    assert resolved.resolved_by == operator
    card = current(holder)
    assert card.status == CardStatus.ACTIVE
    assert "placement" not in card.data
    assert AuditEvent.objects.filter(action=AuditAction.LIFECYCLE_PLACEMENT_ANNULLED).exists()
    assert OutboxMessage.objects.filter(kind="lifecycle.dispute_resolved").exists()
    with pytest.raises(DomainError) as caught:
        dispute_resolve(
            actor=operator, dispute_id=dispute.pk, decision="uphold", note="x" * 12, today=today
        )
    assert caught.value.code == LifecycleErrorCode.DISPUTE_CLOSED


def test_operator_upholds_and_the_card_stays_placed(hired, holder, operator, today):
    dispute = dispute_open(actor=holder, reason="Saya tidak bekerja di sana.", today=today)
    dispute_resolve(
        actor=operator,
        dispute_id=dispute.pk,
        decision="uphold",
        note="Kontrak kerja ditandatangani pemegang kartu.",
        today=today,
    )
    assert current(holder).status == CardStatus.PLACED
    assert AuditEvent.objects.filter(action=AuditAction.LIFECYCLE_PLACEMENT_DISPUTE_UPHELD).exists()


def test_staff_of_another_office_and_the_holder_cannot_resolve(
    hired, holder, today, user_factory, office_factory
):
    from pencaker.accounts.models import Role

    dispute = dispute_open(actor=holder, reason="Saya tidak bekerja di sana.", today=today)
    stranger = user_factory(Role.OPERATOR, office=office_factory("32.10"))
    for actor in (stranger, holder):
        with pytest.raises(DomainError) as caught:
            dispute_resolve(
                actor=actor, dispute_id=dispute.pk, decision="annul", note="x" * 12, today=today
            )
        assert caught.value.code == LifecycleErrorCode.NOT_FOUND


def test_pages_dispute_and_resolve(client, hired, holder, operator, staff_client_factory):
    client.force_login(holder)
    home = client.get(reverse("lifecycle:home")).content.decode()
    assert reverse("lifecycle:placement_dispute") in home
    response = client.post(
        reverse("lifecycle:placement_dispute"), {"reason": "Saya tidak bekerja di sana."}
    )
    assert response.status_code == 302
    client = staff_client_factory(operator)
    number = current(holder).number
    page = client.get(reverse("lifecycle:staff_card"), {"nomor": number}).content.decode()
    assert "Saya tidak bekerja di sana." in page
    dispute = holder.placement_disputes.get()
    url = reverse("lifecycle:staff_dispute_resolve", args=[number, dispute.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"decision": "annul", "note": "Salah nomor kartu."})
    assert response.status_code == 302
    assert current(holder).status == CardStatus.ACTIVE


def test_a_short_dispute_reason_shows_on_the_form(client, hired, holder):
    client.force_login(holder)
    response = client.post(reverse("lifecycle:placement_dispute"), {"reason": "salah"})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
