"""Reporting periods of the IPK: a month, a semester (January–June, July–December) or a
year. A period is the half-open date range [start, end)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.utils import formats
from django.utils.translation import gettext as _

from pencaker.core.errors import DomainError
from pencaker.reporting.errors import ReportingErrorCode

MONTH = "month"
SEMESTER = "semester"
YEAR = "year"

_MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")
_SEMESTER_RE = re.compile(r"^(\d{4})-S([12])$", re.IGNORECASE)
_YEAR_RE = re.compile(r"^(\d{4})$")
MIN_YEAR = 1990
MAX_YEAR = 2100


def month_start(day: dt.date, months: int = 0) -> dt.date:
    """The first day of the month of ``day``, or of the month ``months`` later (earlier
    when negative): the reporting month, not a date ``months`` after ``day`` (that is
    ``cards.rules``' card arithmetic)."""
    return day.replace(day=1) + relativedelta(months=months)


@dataclass(frozen=True)
class Period:
    kind: str
    start: dt.date
    end: dt.date  # exclusive

    @property
    def code(self) -> str:
        if self.kind == MONTH:
            return f"{self.start:%Y-%m}"
        if self.kind == SEMESTER:
            return f"{self.start.year}-S{1 if self.start.month == 1 else 2}"
        return str(self.start.year)

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)

    @property
    def label(self) -> str:
        if self.kind == MONTH:
            return formats.date_format(self.start, "F Y")
        if self.kind == SEMESTER:
            if self.start.month == 1:
                return _("Semester 1 (January–June) %(year)s") % {"year": self.start.year}
            return _("Semester 2 (July–December) %(year)s") % {"year": self.start.year}
        return _("Year %(year)s") % {"year": self.start.year}

    def months(self) -> list[dt.date]:
        out, current = [], self.start
        while current < self.end:
            out.append(current)
            current = month_start(current, months=1)
        return out


def month(year: int, number: int) -> Period:
    start = dt.date(year, number, 1)
    return Period(MONTH, start, month_start(start, months=1))


def semester(year: int, number: int) -> Period:
    start = dt.date(year, 1 if number == 1 else 7, 1)
    return Period(SEMESTER, start, month_start(start, months=6))


def year(number: int) -> Period:
    return Period(YEAR, dt.date(number, 1, 1), dt.date(number + 1, 1, 1))


def _check_year(value: int) -> None:
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise DomainError(
            ReportingErrorCode.PERIOD_OUT_OF_RANGE,
            _("Choose a year between %(min)s and %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR},
        )


def parse(code: str) -> Period:
    """``2025-03`` (month), ``2025-S1`` (semester) or ``2025`` (year)."""
    text = (code or "").strip()
    if m := _MONTH_RE.match(text):
        _check_year(int(m[1]))
        if not 1 <= int(m[2]) <= 12:
            raise DomainError(
                ReportingErrorCode.PERIOD_INVALID, _("The month must be between 01 and 12.")
            )
        return month(int(m[1]), int(m[2]))
    if m := _SEMESTER_RE.match(text):
        _check_year(int(m[1]))
        return semester(int(m[1]), int(m[2]))
    if m := _YEAR_RE.match(text):
        _check_year(int(m[1]))
        return year(int(m[1]))
    raise DomainError(
        ReportingErrorCode.PERIOD_INVALID,
        _("Write the period as YYYY-MM (a month), YYYY-S1 or YYYY-S2 (a semester) or YYYY."),
    )
