"""Reads of an office's configuration: its calendar, the office serving a village, the
documents it requires, its lifecycle rules and its list of return reasons.

Callers pass the office in; nothing here looks at the request or the user. Writes are in
``offices.services`` (admin dinas of the office, audited).
"""

from __future__ import annotations

import datetime as dt

from pencaker.core.calendar import WorkingCalendar
from pencaker.offices.choices import DefaultReturnReason
from pencaker.offices.models import LifecycleSettings, Office, OfficeClosure, ReturnReason
from pencaker.regions.models import Region


def office_closures(office: Office) -> list[OfficeClosure]:
    """The days the office is closed besides weekends and national holidays, by date."""
    return list(OfficeClosure.objects.filter(office=office).order_by("date"))


def office_calendar(office: Office) -> WorkingCalendar:
    """The office's working hours with its closed days (the SLA clock runs in it)."""
    closures: list[dt.date] = list(
        OfficeClosure.objects.filter(office=office).values_list("date", flat=True)
    )
    return WorkingCalendar.for_office(office, closures=closures)


def office_for_village(village: Region | None) -> Office | None:
    """The office serving a village: the one whose code is the village's kabupaten/kota
    code (the first two parts of the region code, ``"16.71"``); None if there is none."""
    if village is None:
        return None
    regency_code = ".".join(village.code.split(".")[:2])
    return Office.objects.filter(code=regency_code).first()


def office_required_documents(office: Office | None) -> list[str] | None:
    """The document kind codes the office requires, as configured (unchecked: documents
    validates them against its kinds); None when no office or nothing is configured."""
    if office is None:
        return None
    configured = office.required_documents
    return None if configured is None else list(configured)


def office_lifecycle_settings(office: Office) -> LifecycleSettings:
    """The office's reporting and removal rules; an unsaved row with the defaults while the
    office has not changed them."""
    return LifecycleSettings.objects.filter(office=office).first() or LifecycleSettings(
        office=office
    )


def return_reasons_seed(*, office: Office) -> int:
    """Give ``office`` the default reasons if it has none yet; returns how many were added."""
    if ReturnReason.objects.filter(office=office).exists():
        return 0
    rows = [
        ReturnReason(office=office, code=code, position=(n + 1) * 10)
        for n, code in enumerate(DefaultReturnReason.values)
    ]
    return len(ReturnReason.objects.bulk_create(rows, ignore_conflicts=True))


def office_return_reasons(office: Office, *, active_only: bool = True) -> list[ReturnReason]:
    """The office's reasons in display order (seeded with the defaults on first use)."""
    return_reasons_seed(office=office)
    qs = ReturnReason.objects.filter(office=office)
    if active_only:
        qs = qs.filter(active=True)
    return list(qs.order_by("position", "id"))


def office_return_reason_choices(office: Office) -> list[tuple[str, str]]:
    """(code, label) of the office's active reasons, for a form's choices."""
    return [(r.code, r.display) for r in office_return_reasons(office)]
