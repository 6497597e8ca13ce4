"""Reads of cards, with the access rules: the holder sees their own cards; verified staff
see the cards of their own office; nobody else sees a card except through verification."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from pencaker.accounts.models import User
from pencaker.accounts.permissions import is_verified_staff
from pencaker.cards.choices import CardStatus
from pencaker.cards.models import Card, CardStatusChange
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
