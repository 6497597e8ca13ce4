"""The two pieces of office configuration employers read: the office serving an address
and the office's working-day calendar.

Issue 10 gives office configuration one home (``offices/selectors.py``); until it is in
this tree these two functions are the only place employers read it, so the swap is here.
"""

from __future__ import annotations

from pencaker.core.calendar import WorkingCalendar
from pencaker.offices.models import Office, OfficeClosure
from pencaker.regions.models import Region


def office_for_village(village: Region) -> Office | None:
    """The Dinas of the kabupaten/kota the village lies in (its code is the regency's)."""
    regency_code = ".".join(village.code.split(".")[:2])
    return Office.objects.filter(code=regency_code).first()


def office_calendar(office: Office) -> WorkingCalendar:
    closures = OfficeClosure.objects.filter(office=office).values_list("date", flat=True)
    return WorkingCalendar.for_office(office, closures=closures)
