"""The register of vacancies for the IPK: ``VacancyEvent`` rows written by the vacancy
services in their own transaction (publish, hire, close, expiry), never afterwards.

Positions are the unit. A vacancy's ending events carry the groups of its registration
(copied from the ``registered`` row), and the positions still open are always
``registered − filled − removed`` of that vacancy, so a vacancy can never end more
positions than it registered.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Sum

from pencaker.seekers.models import JobSeekerProfile
from pencaker.vacancies.models import Vacancy, VacancyEvent

Kind = VacancyEvent.Kind
SEX_OF_LIMIT = {"L": "M", "P": "F"}


def _section(vacancy: Vacancy) -> str:
    node = vacancy.sector or getattr(vacancy.organisation, "sector", None)
    while node is not None and node.parent_id is not None:
        node = node.parent
    code = node.code if node is not None else ""
    return code if len(code) == 1 and code.isalpha() else ""


def open_positions(vacancy: Vacancy) -> int:
    totals = dict(
        VacancyEvent.objects.filter(vacancy=vacancy)
        .values_list("kind")
        .annotate(n=Sum("positions"))
        .order_by()
    )
    registered = totals.get(Kind.REGISTERED, 0)
    return registered - totals.get(Kind.FILLED, 0) - totals.get(Kind.REMOVED, 0)


def vacancy_registered(*, vacancy: Vacancy, today: dt.date) -> VacancyEvent | None:
    """On publication: every opening enters the register (once per vacancy)."""
    if VacancyEvent.objects.filter(vacancy=vacancy, kind=Kind.REGISTERED).exists():
        return None
    return VacancyEvent.objects.create(
        office=vacancy.office,
        vacancy=vacancy,
        kind=Kind.REGISTERED,
        occurred_on=today,
        positions=vacancy.openings,
        education_level=vacancy.min_education or "",
        sex=SEX_OF_LIMIT.get(vacancy.sex_limit or "", ""),
        occupation_group=vacancy.occupation_group or "",
        sector_section=_section(vacancy),
    )


def _ending(
    *, vacancy: Vacancy, kind: str, positions: int | None, today: dt.date, placed_sex: str = ""
) -> VacancyEvent | None:
    registration = VacancyEvent.objects.filter(vacancy=vacancy, kind=Kind.REGISTERED).first()
    if registration is None:
        return None  # never published: it never entered the register
    remaining = open_positions(vacancy)
    count = remaining if positions is None else min(positions, remaining)
    if count <= 0:
        return None
    return VacancyEvent.objects.create(
        office=registration.office,
        vacancy=vacancy,
        kind=kind,
        occurred_on=today,
        positions=count,
        education_level=registration.education_level,
        sex=registration.sex,
        occupation_group=registration.occupation_group,
        sector_section=registration.sector_section,
        placed_sex=placed_sex if placed_sex in ("M", "F") else "",
    )


def vacancy_position_filled(
    *, vacancy: Vacancy, today: dt.date, placed_sex: str = ""
) -> VacancyEvent | None:
    """One hire through Pencaker fills one position."""
    return _ending(
        vacancy=vacancy, kind=Kind.FILLED, positions=1, today=today, placed_sex=placed_sex
    )


def vacancy_closed(*, vacancy: Vacancy, reason: str, today: dt.date) -> VacancyEvent | None:
    """The positions still open leave the register: filled when the employer says it
    filled them outside Pencaker, removed (dihapuskan) when withdrawn or expired."""
    kind = Kind.FILLED if reason == "filled" else Kind.REMOVED
    return _ending(vacancy=vacancy, kind=kind, positions=None, today=today)


def sex_of(user: Any) -> str:
    value = JobSeekerProfile.objects.filter(user=user).values_list("sex", flat=True).first()
    return value or ""
