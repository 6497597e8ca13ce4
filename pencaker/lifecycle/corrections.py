"""Correcting a recorded placement (a wrong employer, job or first day).

Placements are append-only: a correction is a new ``Placement`` row on a re-issued card
version (``cards.services.card_placement_print``: a placed card stays placed) with the corrected
line printed; the latest row of a card number is the placement, earlier ones are what it
corrected. The holder may correct for ``PENCAKER_PLACEMENT_CORRECTION_DAYS`` days after
first reporting the job, an operator of the card's office at any time. The register's
event (``SeekerEvent`` "placed", counted in the IPK) is not repeated.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from pencaker.cards.choices import CardStatus
from pencaker.cards.services import card_placement_print
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import Conflict, DomainError, PermissionDenied
from pencaker.lifecycle.choices import PlacementSource
from pencaker.lifecycle.errors import LifecycleErrorCode
from pencaker.lifecycle.models import Placement
from pencaker.lifecycle.services.reports import (
    PlacementInput,
    _locked_current_card,
    _placement_line,
    _validate_placement,
)


def placement_current(card_number: str) -> Placement | None:
    """The placement recorded on a card number, as last corrected."""
    return Placement.objects.filter(card__number=card_number).order_by("-id").first()


def holder_may_correct(*, card_number: str, today: dt.date) -> bool:
    first = Placement.objects.filter(card__number=card_number).order_by("id").first()
    if first is None:
        return False
    days = settings.PENCAKER_PLACEMENT_CORRECTION_DAYS
    return today <= first.reported_on + dt.timedelta(days=days)


def placement_correct(
    *, actor: Any, card_number: str, placement: PlacementInput, today: dt.date
) -> Placement:
    """Replace the placement of a placed card by ``placement`` and re-issue the card."""
    with transaction.atomic():
        card, staff = _locked_current_card(actor=actor, card_number=card_number)
        previous = placement_current(card.number)
        if card.status != CardStatus.PLACED or previous is None:
            raise Conflict(
                LifecycleErrorCode.NO_PLACEMENT,
                _("No job is recorded on this card, so there is nothing to correct."),
            )
        if not staff and not holder_may_correct(card_number=card.number, today=today):
            raise PermissionDenied(
                LifecycleErrorCode.CORRECTION_PERIOD_OVER,
                _(
                    "A job can be corrected online for %(days)s days after reporting it. Please "
                    "ask the office to correct it."
                )
                % {"days": settings.PENCAKER_PLACEMENT_CORRECTION_DAYS},
            )
        errors = _validate_placement(card, placement, today)
        if errors:
            raise DomainError(
                LifecycleErrorCode.INVALID_PLACEMENT,
                " ".join(errors.values()),
                fields={name: [message] for name, message in errors.items()},
            )
        new = card_placement_print(card=card, actor=actor, placement=_placement_line(placement))
        row = Placement.objects.create(
            holder_id=new.holder_id,
            office_id=new.office_id,
            card=new,
            employer=placement.employer.strip(),
            position=placement.position.strip(),
            sector=placement.sector,
            start_date=placement.start_date,
            area=placement.area,
            source=PlacementSource.OPERATOR if staff else PlacementSource.HOLDER,
            reported_on=previous.reported_on,
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action=AuditAction.LIFECYCLE_PLACEMENT_CORRECTED,
            obj=row,
            office=new.office,
            data={"card": new.number, "corrects": previous.pk, "by_staff": staff},
        )
    return row
