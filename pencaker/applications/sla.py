"""The application SLA in the office's working-day calendar.

The clock runs from submission to decision and stops while the application waits on the
applicant (``needs_changes``). ``Application.due_at`` always holds the current deadline:
on resubmission it is moved forward by the working time that was paused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from pencaker.applications.models import Application
from pencaker.core.calendar import WorkingCalendar, working_deadline, working_time_between
from pencaker.offices.selectors import office_calendar


def sla_budget(office: Any, calendar: WorkingCalendar) -> dt.timedelta:
    """One working day is the length of the office's working day."""
    return max(int(office.sla_working_days or 0), 0) * calendar.working_day


def initial_due_at(office: Any, submitted_at: dt.datetime) -> dt.datetime:
    calendar = office_calendar(office)
    return working_deadline(submitted_at, sla_budget(office, calendar), calendar=calendar)


def _pauses(application: Application) -> list[tuple[dt.datetime, dt.datetime | None]]:
    result = []
    for pause in application.sla_pauses or []:
        start = parse_datetime(pause["start"])
        end = parse_datetime(pause["end"]) if pause.get("end") else None
        if start is not None:
            result.append((start, end))
    return result


def pause_start(application: Application, at: dt.datetime) -> None:
    application.sla_pauses = [
        *(application.sla_pauses or []),
        {"start": at.isoformat(), "end": None},
    ]


def pause_end(application: Application, at: dt.datetime) -> None:
    """Close the open pause and push ``due_at`` back by the working time it took."""
    pauses = list(application.sla_pauses or [])
    if not pauses or pauses[-1].get("end"):
        return
    started = parse_datetime(pauses[-1]["start"])
    pauses[-1] = {**pauses[-1], "end": at.isoformat()}
    application.sla_pauses = pauses
    if started is None or application.due_at is None:
        return
    if started >= application.due_at:
        return  # already late when it was returned: it stays late
    calendar = office_calendar(application.office)
    left = working_time_between(started, application.due_at, calendar=calendar)
    application.due_at = working_deadline(at, left, calendar=calendar)


def running_intervals(
    application: Application, *, until: dt.datetime
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The intervals when the clock ran, from submission to ``until``."""
    if application.submitted_at is None:
        return []
    intervals = []
    cursor = application.submitted_at
    for start, end in _pauses(application):
        if start > cursor:
            intervals.append((cursor, min(start, until)))
        cursor = end if end is not None else until
        if cursor >= until:
            break
    if cursor < until:
        intervals.append((cursor, until))
    return [(a, b) for a, b in intervals if b > a]


def working_time_used(
    application: Application, *, until: dt.datetime, calendar: WorkingCalendar | None = None
) -> dt.timedelta:
    calendar = calendar or office_calendar(application.office)
    return sum(
        (
            working_time_between(a, b, calendar=calendar)
            for a, b in running_intervals(application, until=until)
        ),
        dt.timedelta(0),
    )


@dataclass(frozen=True)
class SlaState:
    due_at: dt.datetime | None
    remaining: dt.timedelta | None  # working time left; negative when overdue
    overdue: bool
    paused: bool

    @property
    def remaining_hours(self) -> float | None:
        return None if self.remaining is None else self.remaining.total_seconds() / 3600


def sla_state(
    application: Application,
    *,
    now: dt.datetime | None = None,
    calendar: WorkingCalendar | None = None,
) -> SlaState:
    now = now or timezone.now()
    paused = bool(application.sla_pauses) and not application.sla_pauses[-1].get("end")
    if application.due_at is None:
        return SlaState(None, None, False, paused)
    calendar = calendar or office_calendar(application.office)
    until = application.decided_at or now
    if paused:
        started = _pauses(application)[-1][0]
        until = min(until, started)
    remaining = working_time_between(until, application.due_at, calendar=calendar)
    return SlaState(application.due_at, remaining, until > application.due_at, paused)
