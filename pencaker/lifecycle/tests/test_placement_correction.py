"""Issue 14, item 20: a placement cannot start far in the future, and a wrong placement
can be corrected (by the holder for a few days, by an operator at any time), which
re-issues the card with the corrected line."""

from __future__ import annotations

import datetime as dt

import pytest

from pencaker.cards.choices import CardStatus
from pencaker.cards.models import Card
from pencaker.core.errors import DomainError
from pencaker.core.models import AuditEvent
from pencaker.lifecycle.corrections import placement_correct
from pencaker.lifecycle.models import Placement, SeekerEvent
from pencaker.lifecycle.selectors import timeline_for_holder
from pencaker.lifecycle.services import PlacementInput, placement_record

DAY = dt.date(2025, 3, 3)


def job(start: dt.date, **changes) -> PlacementInput:
    values = {
        "employer": "PT Sriwijaya Makmur",
        "position": "Staf gudang",
        "sector": "trade",
        "start_date": start,
        "area": "AKL",
    }
    values.update(changes)
    return PlacementInput(**values)


def current(holder) -> Card:
    return Card.objects.exclude(status=CardStatus.SUPERSEDED).get(holder=holder)


@pytest.fixture
def placed(card, holder):
    placement_record(
        actor=holder, card_number=card.number, placement=job(DAY + dt.timedelta(days=2)), today=DAY
    )
    return current(holder)


@pytest.mark.django_db
def test_a_start_beyond_the_margin_is_refused(card, holder, settings):
    settings.PENCAKER_PLACEMENT_MAX_DAYS_AHEAD = 30
    with pytest.raises(DomainError) as caught:
        placement_record(
            actor=holder,
            card_number=card.number,
            placement=job(DAY + dt.timedelta(days=31)),
            today=DAY,
        )
    assert "start_date" in caught.value.fields
    assert not Placement.objects.exists()
    assert current(holder).status == CardStatus.ACTIVE


@pytest.mark.django_db
def test_a_start_within_the_margin_is_accepted(card, holder, settings):
    settings.PENCAKER_PLACEMENT_MAX_DAYS_AHEAD = 30
    placement_record(
        actor=holder, card_number=card.number, placement=job(DAY + dt.timedelta(days=30)), today=DAY
    )
    assert current(holder).status == CardStatus.PLACED


@pytest.mark.django_db
def test_the_holder_corrects_within_the_days_allowed_and_the_card_is_reissued(placed, holder):
    fixed = job(DAY - dt.timedelta(days=1), employer="PT Musi Jaya")
    placement_correct(
        actor=holder, card_number=placed.number, placement=fixed, today=DAY + dt.timedelta(days=3)
    )
    newer = current(holder)
    assert (newer.version, newer.status) == (placed.version + 1, CardStatus.PLACED)
    assert newer.data["placement"]["employer"] == "PT Musi Jaya"
    assert newer.data["placement"]["date"] == (DAY - dt.timedelta(days=1)).isoformat()
    assert Card.objects.get(pk=placed.pk).status == CardStatus.SUPERSEDED
    assert SeekerEvent.objects.filter(holder=holder, kind="placed").count() == 1
    started = [e for e in timeline_for_holder(holder) if e.kind == "placed"]
    assert len(started) == 1 and "PT Musi Jaya" in started[0].detail
    assert AuditEvent.objects.filter(action="lifecycle.placement_corrected").exists()


@pytest.mark.django_db
def test_the_holder_cannot_correct_after_the_days_allowed(placed, holder, settings):
    settings.PENCAKER_PLACEMENT_CORRECTION_DAYS = 7
    with pytest.raises(DomainError) as caught:
        placement_correct(
            actor=holder,
            card_number=placed.number,
            placement=job(DAY, employer="PT Lain"),
            today=DAY + dt.timedelta(days=8),
        )
    assert caught.value.code == "correction_period_over"
    assert current(holder).pk == placed.pk


@pytest.mark.django_db
def test_an_operator_corrects_at_any_time(placed, holder, operator):
    operator.is_verified = lambda: True
    placement_correct(
        actor=operator,
        card_number=placed.number,
        placement=job(DAY, position="Kepala gudang"),
        today=DAY + dt.timedelta(days=200),
    )
    assert current(holder).data["placement"]["position"] == "Kepala gudang"
    assert Placement.objects.order_by("-id").first().source == "operator"


@pytest.mark.django_db
def test_a_correction_keeps_the_start_date_rule(placed, holder, settings):
    settings.PENCAKER_PLACEMENT_MAX_DAYS_AHEAD = 30
    with pytest.raises(DomainError) as caught:
        placement_correct(
            actor=holder,
            card_number=placed.number,
            placement=job(DAY + dt.timedelta(days=60)),
            today=DAY,
        )
    assert "start_date" in caught.value.fields


@pytest.mark.django_db
def test_a_card_without_a_placement_has_nothing_to_correct(card, holder):
    with pytest.raises(DomainError) as caught:
        placement_correct(actor=holder, card_number=card.number, placement=job(DAY), today=DAY)
    assert caught.value.code == "no_placement"


@pytest.mark.django_db
def test_the_holder_corrects_on_the_page(placed, holder, client, monkeypatch):
    from django.urls import reverse
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a: DAY + dt.timedelta(days=1))
    client.force_login(holder)
    home = client.get(reverse("lifecycle:home")).content.decode()
    assert reverse("lifecycle:placement_correct") in home
    page = client.get(reverse("lifecycle:placement_correct"))
    assert "PT Sriwijaya Makmur" in page.content.decode()
    response = client.post(
        reverse("lifecycle:placement_correct"),
        {
            "employer": "PT Musi Jaya",
            "position": "Staf gudang",
            "sector": "trade",
            "start_date": DAY.isoformat(),
            "area": "AKL",
        },
    )
    assert response.status_code == 302
    assert current(holder).data["placement"]["employer"] == "PT Musi Jaya"


@pytest.mark.django_db
def test_a_start_too_far_ahead_is_explained_on_the_page(card, holder, client, monkeypatch):
    from django.urls import reverse
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a: DAY)
    client.force_login(holder)
    response = client.post(
        reverse("lifecycle:placement"),
        {
            "employer": "PT Musi Jaya",
            "position": "Staf gudang",
            "sector": "trade",
            "start_date": (DAY + dt.timedelta(days=45)).isoformat(),
            "area": "AKL",
        },
        HTTP_ACCEPT_LANGUAGE="id",
    )
    assert response.status_code == 200
    assert "30 hari" in response.content.decode()
    assert current(holder).status == CardStatus.ACTIVE
