"""The holder's dispute of a placement an employer reported (issue 11, item 5).

An employer's hire (through a vacancy or reported outside Pencaker) records a placement of
source "employer" and moves the card to "placed" without the holder's word. The holder,
told of it, may dispute it once with a short reason; an operator (or the admin dinas) of
the card's office resolves it: uphold (nothing changes on the card) or annul (the card is
re-issued as a new ACTIVE version without the placement line through
``cards.services.card_placement_annul``: the card transition table has no placed → active).
The placement row stays (append-only); the dispute records who decided, when and why.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from pencaker.accounts.permissions import can_decide
from pencaker.cards.choices import CardStatus
from pencaker.cards.models import Card
from pencaker.cards.services import card_placement_annul
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import Conflict, DomainError, NotFound
from pencaker.lifecycle import notices
from pencaker.lifecycle.choices import DisputeDecision, DisputeStatus, PlacementSource
from pencaker.lifecycle.corrections import placement_current
from pencaker.lifecycle.errors import LifecycleErrorCode
from pencaker.lifecycle.models import PlacementDispute

REASON_MIN = 10
REASON_MAX = 500


def _current_card(holder: Any) -> Card | None:
    return (
        Card.objects.filter(holder=holder)
        .exclude(status=CardStatus.SUPERSEDED)
        .select_related("office", "holder")
        .order_by("-issued_on", "-id")
        .first()
    )


def dispute_of_holder(holder: Any) -> PlacementDispute | None:
    """The holder's dispute of the placement on their current card, if any."""
    card = _current_card(holder)
    placement = placement_current(card.number) if card is not None else None
    if placement is None:
        return None
    return PlacementDispute.objects.filter(placement=placement).first()


def holder_may_dispute(holder: Any) -> bool:
    card = _current_card(holder)
    if card is None or card.status != CardStatus.PLACED:
        return False
    placement = placement_current(card.number)
    return (
        placement is not None
        and placement.source == PlacementSource.EMPLOYER
        and not PlacementDispute.objects.filter(placement=placement).exists()
    )


def disputes_open_for_card(*, card_number: str) -> list[PlacementDispute]:
    return list(
        PlacementDispute.objects.filter(card_number=card_number, status=DisputeStatus.OPEN)
        .select_related("placement")
        .order_by("id")
    )


def dispute_open(*, actor: Any, reason: str, today: dt.date) -> PlacementDispute:
    """The holder disputes the employer-reported placement on their current card."""
    reason = " ".join((reason or "").split())
    if len(reason) < REASON_MIN or len(reason) > REASON_MAX:
        message = _("Tell the office in %(min)s to %(max)s characters what is wrong.") % {
            "min": REASON_MIN,
            "max": REASON_MAX,
        }
        raise DomainError(LifecycleErrorCode.INVALID_DISPUTE, message, fields={"reason": [message]})
    with transaction.atomic():
        card = (
            Card.objects.select_for_update()
            .select_related("office", "holder")
            .filter(holder_id=getattr(actor, "pk", None))
            .exclude(status=CardStatus.SUPERSEDED)
            .order_by("-issued_on", "-id")
            .first()
        )
        placement = placement_current(card.number) if card is not None else None
        if (
            card is None
            or card.status != CardStatus.PLACED
            or placement is None
            or placement.source != PlacementSource.EMPLOYER
        ):
            raise Conflict(
                LifecycleErrorCode.DISPUTE_NOT_ALLOWED,
                _("Only a job reported by an employer can be disputed here."),
            )
        try:
            with transaction.atomic():
                dispute = PlacementDispute.objects.create(
                    placement=placement,
                    holder_id=card.holder_id,
                    office_id=card.office_id,
                    card_number=card.number,
                    reason=reason,
                    opened_on=today,
                )
        except IntegrityError:
            raise Conflict(
                LifecycleErrorCode.DISPUTE_NOT_ALLOWED,
                _("You have already disputed this job. The office will answer you."),
            ) from None
        audit_record(
            actor=actor,
            action=AuditAction.LIFECYCLE_PLACEMENT_DISPUTED,
            obj=dispute,
            office=card.office,
            data={"card": card.number, "placement": placement.pk},
        )
        notices.dispute_received(card=card, dispute=dispute)
    return dispute


def dispute_resolve(
    *, actor: Any, dispute_id: int, decision: str, note: str, today: dt.date
) -> PlacementDispute:
    """An operator or admin dinas of the card's office resolves an open dispute."""
    if decision not in DisputeDecision.values:
        message = _("Choose whether to keep or remove the job.")
        raise DomainError(
            LifecycleErrorCode.INVALID_DISPUTE, message, fields={"decision": [message]}
        )
    note = " ".join((note or "").split())
    if len(note) < REASON_MIN or len(note) > REASON_MAX:
        message = _("Write the reason for the decision in %(min)s to %(max)s characters.") % {
            "min": REASON_MIN,
            "max": REASON_MAX,
        }
        raise DomainError(LifecycleErrorCode.INVALID_DISPUTE, message, fields={"note": [message]})
    with transaction.atomic():
        dispute = (
            PlacementDispute.objects.select_for_update()
            .select_related("placement", "office")
            .filter(pk=dispute_id)
            .first()
        )
        if dispute is None or not can_decide(actor, dispute.office_id):
            raise NotFound(LifecycleErrorCode.NOT_FOUND, _("This dispute was not found."))
        if dispute.status != DisputeStatus.OPEN:
            raise Conflict(
                LifecycleErrorCode.DISPUTE_CLOSED, _("This dispute has already been resolved.")
            )
        card = (
            Card.objects.select_for_update()
            .select_related("office", "holder")
            .filter(number=dispute.card_number)
            .exclude(status=CardStatus.SUPERSEDED)
            .first()
        )
        if decision == DisputeDecision.ANNUL:
            if card is None or card.status != CardStatus.PLACED:
                raise Conflict(
                    LifecycleErrorCode.NO_PLACEMENT,
                    _("No job is recorded on this card any more, so none can be removed."),
                )
            card = card_placement_annul(
                card=card, actor=actor, note=f"placement {dispute.placement_id} annulled"
            )
            dispute.status = DisputeStatus.ANNULLED
            action = AuditAction.LIFECYCLE_PLACEMENT_ANNULLED
        else:
            dispute.status = DisputeStatus.UPHELD
            action = AuditAction.LIFECYCLE_PLACEMENT_DISPUTE_UPHELD
        dispute.resolved_on = today
        dispute.resolved_by = actor
        dispute.resolution_note = note
        dispute.save(update_fields=["status", "resolved_on", "resolved_by", "resolution_note"])
        audit_record(
            actor=actor,
            action=action,
            obj=dispute,
            office=dispute.office,
            data={"card": dispute.card_number, "placement": dispute.placement_id, "note": note},
        )
        if card is not None:
            notices.dispute_resolved(card=card, dispute=dispute)
    return dispute
