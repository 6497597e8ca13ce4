"""The transition table of allowance instalments (the payment ledger) and its move helper."""

from __future__ import annotations

from typing import Any

from pencaker.core.workflow import transition
from pencaker.training.models_running import Instalment, InstalmentStatusChange
from pencaker.training.models_running import InstalmentStatus as S

INSTALMENT_ALLOWED: dict[str, frozenset[str]] = {
    S.SCHEDULED: frozenset({S.SENT}),
    S.SENT: frozenset({S.CONFIRMED, S.FAILED}),
    S.FAILED: frozenset({S.RETRIED}),
    S.RETRIED: frozenset({S.SENT}),
    S.CONFIRMED: frozenset(),
}


def instalment_move(instalment: Instalment, *, to: str, actor: Any = None, note: str = "") -> Any:
    return transition(
        obj=instalment,
        to=to,
        allowed=INSTALMENT_ALLOWED,
        history_model=InstalmentStatusChange,
        history_fk="instalment",
        actor=actor,
        note=note,
    )
