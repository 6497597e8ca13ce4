"""The transition table of event registrations."""

from __future__ import annotations

from typing import Any

from pencaker.core.workflow import transition
from pencaker.events.choices import RegistrationStatus as R
from pencaker.events.models import Registration, RegistrationStatusChange

REGISTRATION_ALLOWED: dict[str, frozenset[str]] = {
    R.WAITLISTED: frozenset({R.REGISTERED, R.CANCELLED}),
    R.REGISTERED: frozenset({R.ATTENDED, R.CANCELLED}),
    R.ATTENDED: frozenset(),
    R.CANCELLED: frozenset(),
}


def registration_move(
    registration: Registration, *, to: str, actor: Any, note: str = ""
) -> RegistrationStatusChange:
    change = transition(
        obj=registration,
        to=to,
        allowed=REGISTRATION_ALLOWED,
        history_model=RegistrationStatusChange,
        history_fk="registration",
        actor=actor,
        note=note,
    )
    assert isinstance(change, RegistrationStatusChange)
    return change
