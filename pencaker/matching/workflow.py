"""The invitation workflow: pending → accepted | declined (the seeker answers once)."""

from __future__ import annotations

from typing import Any

from pencaker.core.workflow import transition
from pencaker.matching.choices import InvitationStatus as S
from pencaker.matching.models import Invitation, InvitationStatusChange

INVITATION_ALLOWED = {
    S.PENDING: {S.ACCEPTED, S.DECLINED},
    S.ACCEPTED: set(),
    S.DECLINED: set(),
}


def invitation_move(invitation: Invitation, *, to: str, actor: Any) -> InvitationStatusChange:
    change = transition(
        obj=invitation,
        to=to,
        allowed=INVITATION_ALLOWED,
        history_model=InvitationStatusChange,
        history_fk="invitation",
        actor=actor,
    )
    assert isinstance(change, InvitationStatusChange)
    return change
