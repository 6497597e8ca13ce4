"""The transition table of a complaint and the helper services use (core's helper)."""

from __future__ import annotations

from typing import Any

from pencaker.complaints.choices import Status as S
from pencaker.complaints.models import Complaint, ComplaintStatusChange
from pencaker.core.workflow import transition

ALLOWED: dict[str, frozenset[str]] = {
    S.RECEIVED: frozenset({S.VERIFIED, S.DECLINED, S.ESCALATED}),
    S.VERIFIED: frozenset({S.ASSIGNED, S.ANSWERED, S.ESCALATED}),
    S.ASSIGNED: frozenset({S.ASSIGNED, S.ANSWERED, S.ESCALATED}),
    S.ANSWERED: frozenset({S.CLOSED, S.REOPENED}),
    S.REOPENED: frozenset({S.ASSIGNED, S.ANSWERED, S.ESCALATED}),
    S.ESCALATED: frozenset({S.VERIFIED, S.DECLINED, S.ASSIGNED, S.ANSWERED}),
    S.DECLINED: frozenset(),
    S.CLOSED: frozenset(),
}


def move(complaint: Complaint, *, to: str, actor: Any, note: str = "", public_note: str = ""):
    change = transition(
        obj=complaint,
        to=to,
        allowed=ALLOWED,
        history_model=ComplaintStatusChange,
        history_fk="complaint",
        actor=actor,
        note=note,
        extra={"public_note": public_note},
    )
    assert isinstance(change, ComplaintStatusChange)
    return change
