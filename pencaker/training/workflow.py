"""The transition tables of programmes, waves and registrations, and their move helpers."""

from __future__ import annotations

from typing import Any

from pencaker.core.workflow import transition
from pencaker.training.choices import ProgrammeStatus as P
from pencaker.training.choices import RegistrationStatus as R
from pencaker.training.choices import WaveStatus as W
from pencaker.training.models import (
    Programme,
    ProgrammeStatusChange,
    Registration,
    RegistrationStatusChange,
    Wave,
    WaveStatusChange,
)

PROGRAMME_ALLOWED: dict[str, frozenset[str]] = {
    P.DRAFT: frozenset({P.PUBLISHED, P.CANCELLED}),
    P.PUBLISHED: frozenset({P.CANCELLED}),
    P.CANCELLED: frozenset(),
}

WAVE_ALLOWED: dict[str, frozenset[str]] = {
    W.DRAFT: frozenset({W.PUBLISHED, W.CANCELLED}),
    W.PUBLISHED: frozenset({W.REGISTRATION_OPEN, W.CANCELLED}),
    W.REGISTRATION_OPEN: frozenset({W.REGISTRATION_CLOSED, W.CANCELLED}),
    W.REGISTRATION_CLOSED: frozenset({W.SELECTED, W.CANCELLED}),
    W.SELECTED: frozenset({W.RUNNING, W.CANCELLED}),
    W.RUNNING: frozenset({W.COMPLETED, W.CANCELLED}),
    W.COMPLETED: frozenset(),
    W.CANCELLED: frozenset(),
}

REGISTRATION_ALLOWED: dict[str, frozenset[str]] = {
    R.REGISTERED: frozenset({R.WITHDRAWN, R.SELECTED, R.WAITING}),
    R.SELECTED: frozenset({R.CONFIRMED, R.LAPSED, R.WITHDRAWN}),
    R.WAITING: frozenset({R.SELECTED, R.NOT_SELECTED, R.WITHDRAWN}),
    R.CONFIRMED: frozenset({R.COMPLETED, R.DROPPED_OUT}),
    R.WITHDRAWN: frozenset(),
    R.LAPSED: frozenset(),
    R.NOT_SELECTED: frozenset(),
    R.COMPLETED: frozenset(),
    R.DROPPED_OUT: frozenset(),
}

#: Waves whose registrants are public (the draw page lists them).
WAVE_PUBLIC = frozenset(s for s in W if s != W.DRAFT)


def programme_move(programme: Programme, *, to: str, actor: Any, note: str = "") -> Any:
    return transition(
        obj=programme,
        to=to,
        allowed=PROGRAMME_ALLOWED,
        history_model=ProgrammeStatusChange,
        history_fk="programme",
        actor=actor,
        note=note,
    )


def wave_move(wave: Wave, *, to: str, actor: Any, note: str = "") -> Any:
    return transition(
        obj=wave,
        to=to,
        allowed=WAVE_ALLOWED,
        history_model=WaveStatusChange,
        history_fk="wave",
        actor=actor,
        note=note,
    )


def registration_move(registration: Registration, *, to: str, actor: Any, note: str = "") -> Any:
    return transition(
        obj=registration,
        to=to,
        allowed=REGISTRATION_ALLOWED,
        history_model=RegistrationStatusChange,
        history_fk="registration",
        actor=actor,
        note=note,
    )
