"""Reads of cards, with the access rules: the holder sees their own cards; verified staff
see the cards of their own office; nobody else sees a card except through verification."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from pencaker.accounts.models import User
from pencaker.accounts.permissions import is_verified_staff
from pencaker.cards.choices import CardStatus
from pencaker.cards.models import Card, CardRevocation, CardRevocationEvidence, CardStatusChange
from pencaker.cards.numbers import CardNumberError, parse_card_number
from pencaker.offices.models import Office


def cards_of_holder(user: User) -> QuerySet[Card]:
    return Card.objects.filter(holder=user).select_related("office").order_by("-issued_on", "-id")


def card_current_of_holder(user: User) -> Card | None:
    return cards_of_holder(user).exclude(status=CardStatus.SUPERSEDED).first()


def card_for_viewer(*, user: User, number: str, version: int) -> tuple[Card, bool]:
    """The card version if ``user`` may download it, and whether this is a staff view.

    Anyone else gets ``Card.DoesNotExist`` (a 404 that does not say whether it exists).
    """
    card = Card.objects.select_related("office", "holder").get(number=number, version=version)
    if user.is_authenticated and card.holder_id == user.pk:
        return card, False
    if is_verified_staff(user) and card.office_id == user.office_id:
        return card, True
    raise Card.DoesNotExist


def cards_for_office(office: Office) -> QuerySet[Card]:
    return Card.objects.filter(office=office).select_related("holder").order_by("-id")


def card_by_number(number: str) -> Card | None:
    """The current version of a card (for commands run by the operator of the server)."""
    return (
        Card.objects.select_related("office", "holder")
        .filter(number=number)
        .order_by("-version")
        .first()
    )


def card_history(card: Card) -> QuerySet[CardStatusChange]:
    return card.history.all()


def card_list_rows() -> list[dict[str, Any]]:
    rows = []
    for card in Card.objects.select_related("office").order_by("office__code", "number", "version"):
        rows.append(
            {
                "number": card.number,
                "version": card.version,
                "status": card.status,
                "holder_name": card.holder_name,
                "office": card.office.code,
                "issued_on": card.issued_on.isoformat(),
                "valid_until": card.valid_until.isoformat(),
                "pdf_sha256": card.pdf_sha256,
            }
        )
    return rows


def card_current_for_office(*, office_id: int | None, number: str) -> Card | None:
    """The current version of card ``number`` if it belongs to office ``office_id`` (typed
    with or without dashes; a wrong check digit or another office's card: None)."""
    try:
        canonical = parse_card_number(number).canonical
    except CardNumberError:
        return None
    return (
        Card.objects.select_related("office", "holder")
        .filter(number=canonical, office_id=office_id or -1)
        .exclude(status=CardStatus.SUPERSEDED)
        .first()
    )


def revocations_for_office(office_id: int | None) -> QuerySet[CardRevocation]:
    return (
        CardRevocation.objects.filter(office_id=office_id or -1)
        .select_related("card", "requested_by", "confirmed_by", "decided_by")
        .order_by("-requested_at", "-id")
    )


def revocation_for_staff(*, user: Any, revocation_id: int) -> CardRevocation | None:
    """A revocation of the staff member's office (staff of another office: None)."""
    if not is_verified_staff(user):
        return None
    return (
        revocations_for_office(user.office_id)
        .prefetch_related("evidence", "history")
        .filter(pk=revocation_id)
        .first()
    )


def revocation_for_holder(*, user: Any, revocation_id: int) -> CardRevocation | None:
    """A confirmed (or later) revocation of one of the holder's cards."""
    return (
        CardRevocation.objects.select_related("card", "office")
        .filter(pk=revocation_id, card__holder_id=getattr(user, "pk", None) or -1)
        .exclude(status__in=["requested", "declined"])
        .first()
    )


def revocation_evidence_for_staff(*, user: Any, evidence_id: int) -> CardRevocationEvidence | None:
    if not is_verified_staff(user):
        return None
    return (
        CardRevocationEvidence.objects.select_related("revocation")
        .filter(pk=evidence_id, revocation__office_id=user.office_id)
        .first()
    )


def revocation_ids_of_holder(user: Any) -> dict[int, int]:
    """Card version id → the id of its confirmed (or later) revocation, for the holder."""
    rows = (
        CardRevocation.objects.filter(card__holder_id=getattr(user, "pk", None) or -1)
        .exclude(status__in=["requested", "declined"])
        .order_by("requested_at", "id")
        .values_list("card_id", "pk")
    )
    return dict(rows)
