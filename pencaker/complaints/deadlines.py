"""Complaint deadlines in the office's working-day calendar (weekends, national holidays,
cuti bersama and the office's own closures do not count; ADR 6)."""

from __future__ import annotations

import datetime as dt

from django.utils import formats, timezone

from pencaker.complaints.models import ComplaintSettings
from pencaker.core.calendar import working_deadline, working_time_between
from pencaker.offices.models import Office
from pencaker.offices.selectors import office_calendar


def settings_for(office: Office) -> ComplaintSettings:
    """The office's row, or an unsaved one with the defaults."""
    row = ComplaintSettings.objects.filter(office=office).first()
    return row or ComplaintSettings(office=office)


def _after(office: Office, start: dt.datetime, days: int) -> dt.datetime:
    calendar = office_calendar(office)
    return working_deadline(start, days * calendar.working_day, calendar=calendar)


def verify_due(office: Office, received_at: dt.datetime) -> dt.datetime:
    """Verified within ``verify_days`` working days (3, as SP4N-LAPOR! does)."""
    return _after(office, received_at, settings_for(office).verify_days)


def answer_due(office: Office, start: dt.datetime, tier: str) -> dt.datetime:
    return _after(office, start, settings_for(office).tier_days(tier))


def working_days_between(office: Office, start: dt.datetime, end: dt.datetime) -> float:
    calendar = office_calendar(office)
    spent = working_time_between(start, end, calendar=calendar)
    return round(spent / calendar.working_day, 2)


def format_due(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
