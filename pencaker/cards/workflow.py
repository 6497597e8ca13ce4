"""The card transition table (see the states in ``models.Card``)."""

from __future__ import annotations

from typing import Any

from pencaker.cards.choices import CardStatus as S
from pencaker.cards.models import Card, CardStatusChange
from pencaker.core.workflow import transition

ALLOWED = {
    S.ACTIVE: {S.PLACED, S.EXPIRED, S.REMOVED, S.REVOKED, S.SUPERSEDED},
    S.PLACED: {S.SUPERSEDED, S.REVOKED},
    S.EXPIRED: {S.SUPERSEDED, S.REVOKED},
    S.REMOVED: {S.REVOKED},
}


def move(card: Card, *, to: str, actor: Any, note: str = "") -> CardStatusChange:
    return transition(  # type: ignore[return-value]
        obj=card,
        to=to,
        allowed=ALLOWED,
        history_model=CardStatusChange,
        actor=actor,
        note=note,
        history_fk="card",
    )
