"""Hire → placement: a hire through Pencaker becomes a placement of source "employer"
through lifecycle's service (which re-issues the card with "Diterima bekerja di …")."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pencaker.lifecycle.choices import PlacementArea, Sector
from pencaker.lifecycle.services import PlacementInput, placement_record_by_employer
from pencaker.seekers.models import JobSeekerProfile

#: KBLI 2020 sections → the broad sectors of the IPK III/8 report.
KBLI_SECTION_SECTOR = {
    "A": Sector.AGRICULTURE,
    "B": Sector.MINING,
    "C": Sector.MANUFACTURING,
    "F": Sector.CONSTRUCTION,
    "G": Sector.TRADE,
    "H": Sector.TRANSPORT,
    "I": Sector.HOSPITALITY,
    "J": Sector.ICT,
    "K": Sector.FINANCE,
    "O": Sector.GOVERNMENT,
    "P": Sector.EDUCATION,
    "Q": Sector.HEALTH,
}


def sector_of(vacancy: Any) -> str:
    sector = vacancy.sector or vacancy.organisation.sector
    node = sector
    while node is not None and node.parent_id is not None:
        node = node.parent
    code = node.code if node is not None else ""
    return KBLI_SECTION_SECTOR.get(code, Sector.OTHER_SERVICES)


def area_of(vacancy: Any, holder: Any) -> str:
    """AKL when the job is in the seeker's own kabupaten/kota (or remote), AKAD otherwise."""
    if vacancy.is_remote or vacancy.location_id is None:
        return PlacementArea.AKL
    profile = JobSeekerProfile.objects.select_related("office").filter(user=holder).first()
    office = getattr(profile, "office", None)
    home = getattr(office, "region_id", None)
    return PlacementArea.AKL if home == vacancy.location_id else PlacementArea.AKAD


def record_hire(*, application: Any, vacancy: Any, actor: Any, today: dt.date) -> int | None:
    placement = placement_record_by_employer(
        actor=actor,
        holder=application.applicant,
        placement=PlacementInput(
            employer=vacancy.organisation.legal_name,
            position=application.hired_position or vacancy.title,
            sector=sector_of(vacancy),
            start_date=application.hired_start_date or today,
            area=area_of(vacancy, application.applicant),
        ),
        today=today,
    )
    return placement.pk if placement is not None else None
