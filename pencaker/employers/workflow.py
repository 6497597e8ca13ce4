"""The organisation transition table and the one helper services use."""

from __future__ import annotations

from typing import Any

from pencaker.core.workflow import transition
from pencaker.employers.choices import Status
from pencaker.employers.models import Organisation, OrganisationStatusChange

ALLOWED: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.SUBMITTED}),
    Status.SUBMITTED: frozenset({Status.VERIFIED, Status.NEEDS_CHANGES, Status.REJECTED}),
    Status.NEEDS_CHANGES: frozenset({Status.SUBMITTED}),
    Status.VERIFIED: frozenset(),
    Status.REJECTED: frozenset(),
}


def move(
    organisation: Organisation, *, to: str, actor: Any, note: str = ""
) -> OrganisationStatusChange:
    """Move ``organisation`` to ``to``; the caller holds the row lock and the transaction."""
    change = transition(
        obj=organisation,
        to=to,
        allowed=ALLOWED,
        history_model=OrganisationStatusChange,
        history_fk="organisation",
        actor=actor,
        note=note,
    )
    assert isinstance(change, OrganisationStatusChange)
    return change
