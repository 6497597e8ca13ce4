"""The verification SLA of an organisation in the office's working-day calendar.

The office promises to verify a registration within ``SLA_WORKING_DAYS`` working days of
its (last) submission. A registration returned for changes starts a fresh period when it
is sent again: unlike an AK/1 request, the employer may change every part of it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from pencaker.core.calendar import WorkingCalendar, working_deadline, working_time_between
from pencaker.employers.choices import Status
from pencaker.employers.models import Organisation
from pencaker.offices.models import Office
from pencaker.offices.selectors import office_calendar

SLA_WORKING_DAYS = 3


def due_at_for(office: Office, submitted_at: dt.datetime) -> dt.datetime:
    calendar = office_calendar(office)
    return working_deadline(
        submitted_at, SLA_WORKING_DAYS * calendar.working_day, calendar=calendar
    )


@dataclass(frozen=True)
class SlaState:
    due_at: dt.datetime | None
    remaining: dt.timedelta | None  # working time left; negative when overdue
    overdue: bool
    paused: bool = False

    @property
    def remaining_hours(self) -> float | None:
        return None if self.remaining is None else self.remaining.total_seconds() / 3600


def sla_state(
    organisation: Organisation,
    *,
    now: dt.datetime | None = None,
    calendar: WorkingCalendar | None = None,
) -> SlaState:
    paused = organisation.status == Status.NEEDS_CHANGES
    if organisation.due_at is None or paused:
        return SlaState(organisation.due_at, None, False, paused)
    calendar = calendar or office_calendar(organisation.office)
    until = organisation.decided_at or now or timezone.now()
    remaining = working_time_between(until, organisation.due_at, calendar=calendar)
    return SlaState(organisation.due_at, remaining, until > organisation.due_at)
