"""The card transition table (see the states in ``models.Card``) and the revocation's
(``models.CardRevocation``)."""

from __future__ import annotations

from typing import Any

from pencaker.cards.choices import CardStatus as S
from pencaker.cards.choices import RevocationStatus as R
from pencaker.cards.models import Card, CardRevocation, CardRevocationStatusChange, CardStatusChange
from pencaker.core.workflow import transition

ALLOWED = {
    S.ACTIVE: {S.PLACED, S.EXPIRED, S.REMOVED, S.REVOKED, S.SUPERSEDED},
    S.PLACED: {S.SUPERSEDED, S.REVOKED},
    S.EXPIRED: {S.SUPERSEDED, S.REVOKED},
    S.REMOVED: {S.REVOKED},
    # An objection upheld: the revoked version is replaced by a restored new version.
    S.REVOKED: {S.SUPERSEDED},
}

REVOCATION_ALLOWED = {
    R.REQUESTED: {R.CONFIRMED, R.DECLINED},
    R.CONFIRMED: {R.OBJECTED},
    R.OBJECTED: {R.UPHELD, R.REJECTED},
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


def revocation_move(
    revocation: CardRevocation, *, to: str, actor: Any, note: str = ""
) -> CardRevocationStatusChange:
    return transition(  # type: ignore[return-value]
        obj=revocation,
        to=to,
        allowed=REVOCATION_ALLOWED,
        history_model=CardRevocationStatusChange,
        actor=actor,
        note=note,
        history_fk="revocation",
    )
