"""Report due dates, windows and the removal date of a card period (pure date arithmetic).

A card period starts on the issue date printed on the card. Reports 1, 2 and 3 are due
at +6, +12 and +18 months (the card's Laporan table prints the same dates). The office
sets the window around each due date and the grace period after the window before a
holder who has not reported is removed (dihapuskan).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pencaker.cards.rules import report_due_dates


@dataclass(frozen=True)
class Rules:
    window_days_before: int = 30
    window_days_after: int = 30
    removal_enabled: bool = True
    removal_grace_days: int = 60
    expiry_enabled: bool = True


@dataclass(frozen=True)
class ReportSlot:
    number: int
    due_on: dt.date
    opens_on: dt.date
    closes_on: dt.date
    removal_on: dt.date  # first day the holder can be removed if still not reported

    def is_open(self, today: dt.date) -> bool:
        return self.opens_on <= today <= self.closes_on


def report_slots(period_start: dt.date, rules: Rules) -> list[ReportSlot]:
    slots = []
    for number, due in enumerate(report_due_dates(period_start), start=1):
        closes = due + dt.timedelta(days=rules.window_days_after)
        slots.append(
            ReportSlot(
                number=number,
                due_on=due,
                opens_on=due - dt.timedelta(days=rules.window_days_before),
                closes_on=closes,
                removal_on=closes + dt.timedelta(days=rules.removal_grace_days + 1),
            )
        )
    return slots


def current_slot(period_start: dt.date, rules: Rules, today: dt.date) -> ReportSlot | None:
    """The latest report whose window has opened by ``today`` (None before the first).

    An earlier report that was never made is not asked for any more once a later window
    opens (it is then either a removal, or, with removal switched off, simply missed).
    """
    opened = [s for s in report_slots(period_start, rules) if s.opens_on <= today]
    return opened[-1] if opened else None


def next_slot(
    period_start: dt.date, rules: Rules, today: dt.date, reported: set[int]
) -> ReportSlot | None:
    """The next report the holder will be asked for (for "your next report is due on")."""
    for slot in report_slots(period_start, rules):
        if slot.number not in reported and slot.closes_on >= today:
            return slot
    return None
