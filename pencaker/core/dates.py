"""Calendar arithmetic in one place: whole years and months with ``dateutil.relativedelta``.

No app imports go here; every app may use it.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Completed years of age on ``day``: the person has a birthday on the same day and
    month. Someone born on 29 February is a year older on 28 February of a non-leap year
    (``relativedelta`` clips the month end)."""
    return relativedelta(day, birth_date).years
