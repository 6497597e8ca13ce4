"""Replay an imported holder's past through the lifecycle rules (pure date arithmetic).

An imported card must end up exactly where the daily rules (``lifecycle.services.daily``)
would have put it had the office used Pencaker since ``registered_on``, with every event
dated on the day the rule would have applied it, so that the IPK of past months counts
the holder from the real dates (ADR 0010, ADR 0024): ``registered`` on the issue date,
``reported`` on each report date, then the first of: ``placed`` on the placement date,
``removed`` on the removal day of the first missed report, ``expired`` the day after the
two years.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pencaker.cards import rules as card_rules
from pencaker.lifecycle.schedule import Rules, report_slots


@dataclass(frozen=True)
class Replayed:
    status: str  # active | placed | removed | expired
    reports: list[tuple[int, dt.date, dt.date]]  # (slot number, due on, reported on)
    ending: tuple[str, dt.date] | None  # (kind, day) of the ending event
    valid_until: dt.date


def _slot_for(day: dt.date, slots: list, used: set[int]) -> tuple[int, dt.date] | None:
    """The report slot a report made on ``day`` answers: the latest slot whose window had
    opened by then and that was not answered yet."""
    candidates = [s for s in slots if s.opens_on <= day and s.number not in used]
    if not candidates:
        return None
    slot = candidates[-1]
    return slot.number, slot.due_on


def replay(
    *,
    registered_on: dt.date,
    reports: list[dt.date],
    placed_on: dt.date | None,
    rules: Rules,
    today: dt.date,
) -> Replayed:
    valid_until = card_rules.valid_until(registered_on)
    slots = report_slots(registered_on, rules)
    used: set[int] = set()
    made: list[tuple[int, dt.date, dt.date]] = []
    for day in sorted(reports):
        found = _slot_for(day, slots, used)
        if found is not None and day <= valid_until:
            used.add(found[0])
            made.append((found[0], found[1], day))
    candidates: list[tuple[dt.date, str]] = []
    if placed_on is not None:
        candidates.append((placed_on, "placed"))
    if rules.removal_enabled:
        for slot in slots:
            # The daily rule asks only for the latest opened slot: an earlier slot missed
            # but followed by a made later report is not a removal.
            later_made = any(n > slot.number and day < slot.removal_on for n, _d, day in made)
            if slot.number not in used and not later_made:
                candidates.append((slot.removal_on, "removed"))
                break
    if rules.expiry_enabled:
        candidates.append((valid_until + dt.timedelta(days=1), "expired"))
    due = sorted((day, kind) for day, kind in candidates if day <= today)
    if due:
        day, kind = due[0]
        made = [m for m in made if m[2] <= day]
        return Replayed(status=kind, reports=made, ending=(kind, day), valid_until=valid_until)
    return Replayed(status="active", reports=made, ending=None, valid_until=valid_until)
