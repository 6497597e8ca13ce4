"""The review SLA of a vacancy in the office's working-day calendar (as employers.sla)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from pencaker.core.calendar import working_deadline, working_time_between
from pencaker.employers.sla import SlaState
from pencaker.offices.models import Office
from pencaker.offices.selectors import office_calendar
from pencaker.vacancies.models import Vacancy

#: The office reviews a submitted vacancy within this many working days.
SLA_WORKING_DAYS = 2


def due_at_for(office: Office, submitted_at: dt.datetime) -> dt.datetime:
    calendar = office_calendar(office)
    return working_deadline(
        submitted_at, SLA_WORKING_DAYS * calendar.working_day, calendar=calendar
    )


def sla_state(vacancy: Vacancy, *, now: dt.datetime | None = None) -> SlaState:
    if vacancy.due_at is None or vacancy.status != "submitted":
        return SlaState(vacancy.due_at, None, False, vacancy.status == "draft")
    calendar = office_calendar(vacancy.office)
    until = now or timezone.now()
    remaining = working_time_between(until, vacancy.due_at, calendar=calendar)
    return SlaState(vacancy.due_at, remaining, until > vacancy.due_at)
