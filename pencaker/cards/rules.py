"""The card's rules of time: how long a card is valid and when its reports fall due.

A card (AK/1) is valid for two years from its issue date; the holder reports at +6, +12
and +18 months (the Laporan table printed on the card, and the due dates the lifecycle
app enforces, both come from here). Months are calendar months: a card issued on 31 August
is due on 28 (or 29) February, as ``dateutil.relativedelta`` counts.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

VALIDITY_MONTHS = 24
REPORT_MONTHS = (6, 12, 18)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clamped to the end of a shorter month."""
    return day + relativedelta(months=months)


def valid_until(issued_on: dt.date) -> dt.date:
    """The last day a card issued on ``issued_on`` is valid."""
    return add_months(issued_on, VALIDITY_MONTHS)


def report_due_dates(issued_on: dt.date) -> list[dt.date]:
    """The due dates of reports 1, 2 and 3 of a card period starting on ``issued_on``."""
    return [add_months(issued_on, months) for months in REPORT_MONTHS]
