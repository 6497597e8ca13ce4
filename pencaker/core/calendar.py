"""Working-day arithmetic for service-level deadlines (SLA).

Offices promise a decision within a number of *working days*. A working day is a day
that is not a weekend day, not an Indonesian national holiday, not a *cuti bersama*
(collective leave decreed each year by the joint ministerial decree, SKB 3 Menteri) and
not an office-specific closure. Time only counts inside the office's working hours
(e.g. 08:00–16:00 Asia/Jakarta); a request submitted outside those hours starts the
clock at the next opening.

National holidays and cuti bersama come from the ``holidays`` package (Indonesia, the
``public`` and ``government`` categories; cuti bersama are in ``government``).

``core`` imports no app: the caller builds a :class:`WorkingCalendar` from the office's
configuration (see ``pencaker.offices.selectors.office_calendar``).

All arithmetic is done in UTC so that a time zone with daylight saving (not used in
Indonesia, but possible for a deployment elsewhere) cannot distort durations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.utils import timezone

UTC = dt.UTC
JAKARTA = ZoneInfo("Asia/Jakarta")
HOLIDAY_CATEGORIES = ("public", "government")
# Saturday and Sunday (date.weekday() numbering).
DEFAULT_WEEKEND = frozenset({5, 6})
# A calendar without any working day inside ten years is a configuration error.
_MAX_SEARCH_DAYS = 3660


@lru_cache(maxsize=64)
def national_holidays(year: int, country: str = "ID") -> dict[dt.date, str]:
    """National holidays and cuti bersama of one year, as ``{date: English name}``.

    Cached per process: the data is deterministic for a given package version, so the
    cache holds no request state.
    """
    calendar = holidays.country_holidays(country, years=year, categories=HOLIDAY_CATEGORIES)
    return dict(calendar.items())


@lru_cache(maxsize=16)
def time_zone_get(name: str) -> dt.tzinfo:
    """The zone named ``name`` (``"Asia/Makassar"``); Asia/Jakarta when blank."""
    return ZoneInfo(name) if name else JAKARTA


def local_date(moment: dt.datetime | None, tz_name: str) -> dt.date:
    """The calendar date of ``moment`` (now when None) in the zone ``tz_name``: the day an
    office in that zone lives (its cards' dates, its report months)."""
    # Through django.utils.timezone.localdate (positional): one clock for the whole code
    # base, the one tests control.
    return timezone.localdate(moment, time_zone_get(tz_name))


def _as_timedelta(hours: float | dt.timedelta) -> dt.timedelta:
    return hours if isinstance(hours, dt.timedelta) else dt.timedelta(hours=hours)


@dataclass(frozen=True)
class WorkingCalendar:
    """An office's working hours, weekend, holidays and closures."""

    work_start: dt.time = dt.time(8, 0)
    work_end: dt.time = dt.time(16, 0)
    tz: dt.tzinfo = JAKARTA
    closures: frozenset[dt.date] = field(default_factory=frozenset)
    weekend: frozenset[int] = DEFAULT_WEEKEND
    country: str = "ID"

    def __post_init__(self) -> None:
        if self.work_end <= self.work_start:
            raise ValueError("work_end must be after work_start")
        if len(self.weekend) >= 7:
            raise ValueError("at least one weekday must be a working day")
        object.__setattr__(self, "closures", frozenset(self.closures))
        object.__setattr__(self, "weekend", frozenset(self.weekend))

    @classmethod
    def for_office(cls, office: object, closures: Iterable[dt.date] = ()) -> WorkingCalendar:
        """Build from any object with ``work_start``/``work_end`` and optionally a
        ``time_zone`` name (e.g. an ``Office``: WIB, WITA or WIT, ADR 0031)."""
        return cls(
            work_start=getattr(office, "work_start", dt.time(8, 0)),
            work_end=getattr(office, "work_end", dt.time(16, 0)),
            tz=time_zone_get(getattr(office, "time_zone", "") or ""),
            closures=frozenset(closures),
        )

    # --- days --------------------------------------------------------------------------
    @property
    def working_day(self) -> dt.timedelta:
        """The length of one working day (opening to closing)."""
        day = dt.date(2000, 1, 3)
        return self.closing(day) - self.opening(day)

    def holiday_name(self, day: dt.date) -> str | None:
        return national_holidays(day.year, self.country).get(day)

    def is_working_day(self, day: dt.date) -> bool:
        return (
            day.weekday() not in self.weekend
            and day not in self.closures
            and day not in national_holidays(day.year, self.country)
        )

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself if it is a working day, else the first working day after it."""
        for offset in range(_MAX_SEARCH_DAYS):
            candidate = day + dt.timedelta(days=offset)
            if self.is_working_day(candidate):
                return candidate
        raise ValueError("no working day found; check the office calendar")

    def opening(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, self.work_start, tzinfo=self.tz).astimezone(UTC)

    def closing(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, self.work_end, tzinfo=self.tz).astimezone(UTC)

    def local_date(self, moment: dt.datetime) -> dt.date:
        return moment.astimezone(self.tz).date()

    # --- moments -----------------------------------------------------------------------
    def is_working_time(self, moment: dt.datetime) -> bool:
        """True when ``moment`` is inside opening hours (both ends included)."""
        moment = _aware(moment)
        day = self.local_date(moment)
        return self.is_working_day(day) and self.opening(day) <= moment <= self.closing(day)

    def clock_start(self, moment: dt.datetime) -> dt.datetime:
        """When the clock starts for something received at ``moment``.

        Inside working hours that is ``moment``; otherwise the next opening. Closing time
        itself counts as outside (nothing is left of that day).
        """
        moment = _aware(moment).astimezone(UTC)
        day = self.local_date(moment)
        if self.is_working_day(day):
            if moment < self.opening(day):
                return self.opening(day).astimezone(self.tz)
            if moment < self.closing(day):
                return moment.astimezone(self.tz)
        return self.opening(self.next_working_day(day + dt.timedelta(days=1))).astimezone(self.tz)


def _aware(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a time zone aware datetime is required")
    return moment


def working_deadline(
    start: dt.datetime, working_hours: float | dt.timedelta, *, calendar: WorkingCalendar
) -> dt.datetime:
    """The moment ``working_hours`` of working time after ``start``.

    The result is in the calendar's time zone and always inside the opening hours of a
    working day; a deadline that uses up a day exactly ends at that day's closing time
    (not at the next opening).
    """
    remaining = _as_timedelta(working_hours)
    if remaining < dt.timedelta(0):
        raise ValueError("working_hours must not be negative")
    cursor = calendar.clock_start(start).astimezone(UTC)
    day = calendar.local_date(cursor)
    while True:
        available = calendar.closing(day) - cursor
        if remaining <= available:
            return (cursor + remaining).astimezone(calendar.tz)
        remaining -= available
        day = calendar.next_working_day(day + dt.timedelta(days=1))
        cursor = calendar.opening(day)


def working_time_between(
    a: dt.datetime, b: dt.datetime, *, calendar: WorkingCalendar
) -> dt.timedelta:
    """Working time from ``a`` to ``b`` (negative when ``b`` is before ``a``)."""
    a = _aware(a).astimezone(UTC)
    b = _aware(b).astimezone(UTC)
    if b < a:
        return -working_time_between(b, a, calendar=calendar)
    total = dt.timedelta(0)
    day = calendar.local_date(a)
    last = calendar.local_date(b)
    while day <= last:
        if calendar.is_working_day(day):
            low = max(a, calendar.opening(day))
            high = min(b, calendar.closing(day))
            if high > low:
                total += high - low
        day += dt.timedelta(days=1)
    return total


def working_time_in_intervals(
    intervals: Iterable[tuple[dt.datetime, dt.datetime]], *, calendar: WorkingCalendar
) -> dt.timedelta:
    """Working time summed over the intervals when a clock runs (pauses left out)."""
    return sum(
        (working_time_between(a, b, calendar=calendar) for a, b in intervals), dt.timedelta(0)
    )
