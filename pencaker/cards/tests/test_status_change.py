"""Who may change a card's status through ``card_status_change``, and the print data
services lifecycle calls instead of writing ``card.data`` itself."""

from __future__ import annotations

import datetime as dt

import pytest

from pencaker.accounts.models import Role
from pencaker.cards.choices import CardStatus
from pencaker.cards.models import Card
from pencaker.cards.services import (
    PlacementLine,
    ReportLine,
    card_report_print,
    card_status_change,
)
from pencaker.core.errors import NotFound
from pencaker.core.models import AuditEvent


def test_an_actor_without_an_office_cannot_change_a_card(card, user_factory, operator):
    employer = user_factory(Role.EMPLOYER)
    # The database refuses staff without an office; an actor built in memory can have none.
    officeless = type(operator)(pk=operator.pk + 1000, role=Role.OPERATOR, office=None)
    for actor in (employer, officeless):
        with pytest.raises(NotFound):
            card_status_change(card_id=card.pk, to=CardStatus.REVOKED, actor=actor)
    card.refresh_from_db()
    assert card.status == CardStatus.ACTIVE


def test_staff_of_another_office_cannot_change_a_card(card, user_factory, other_office):
    foreign = user_factory(Role.OPERATOR, office=other_office)
    with pytest.raises(NotFound):
        card_status_change(card_id=card.pk, to=CardStatus.REVOKED, actor=foreign)


def test_a_job_seeker_with_no_office_cannot_change_someone_elses_card(card, user_factory):
    stranger = user_factory(Role.JOB_SEEKER)
    with pytest.raises(NotFound):
        card_status_change(card_id=card.pk, to=CardStatus.PLACED, actor=stranger)


def test_the_holder_may_record_a_placement_but_nothing_else(card, holder):
    with pytest.raises(NotFound):
        card_status_change(card_id=card.pk, to=CardStatus.REVOKED, actor=holder)
    placed = card_status_change(card_id=card.pk, to=CardStatus.PLACED, actor=holder)
    assert placed.status == CardStatus.PLACED


def test_the_system_changes_a_card_without_an_actor(card):
    expired = card_status_change(card_id=card.pk, to=CardStatus.EXPIRED, actor=None, note="x")
    assert expired.status == CardStatus.EXPIRED
    assert [(h.to_status, h.actor_id) for h in expired.history.order_by("id")][-1] == (
        CardStatus.EXPIRED,
        None,
    )
    assert AuditEvent.objects.filter(action="card.status_changed", actor=None).count() == 1


def test_report_print_fills_the_row_on_a_new_version(card, operator):
    card = Card.objects.get(pk=card.pk)
    new = card_report_print(
        card=card,
        actor=operator,
        report=ReportLine(number=1, on=dt.date(2026, 6, 1), officer="Budi"),
        placement=PlacementLine(
            employer=" PT Maju ", position="Kasir", start_date=dt.date(2026, 5, 20), area="local"
        ),
    )
    assert new.version == card.version + 1
    assert new.data["reports"] == [{"n": 1, "date": "2026-06-01", "officer": "Budi"}]
    assert new.data["placement"] == {
        "employer": "PT Maju",
        "position": "Kasir",
        "date": "2026-05-20",
        "area": "local",
    }
    card.refresh_from_db()
    assert card.status == CardStatus.SUPERSEDED
