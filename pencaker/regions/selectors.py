"""Reads for regions: the address picker walks parent → children."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db.models import QuerySet

from pencaker.regions.models import Level, Region

CHILD_LEVEL = {
    Level.PROVINCE: Level.REGENCY,
    Level.REGENCY: Level.DISTRICT,
    Level.DISTRICT: Level.VILLAGE,
}
_PARENT_CODE = re.compile(r"[0-9]{2}(\.[0-9]{2}(\.[0-9]{2})?)?")
_REGION_CODE = re.compile(r"[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?")


def is_region_code(value: object) -> bool:
    """Shape check before a lookup: keeps junk (and NUL bytes, which PostgreSQL refuses
    with an error) out of queries."""
    return isinstance(value, str) and bool(_REGION_CODE.fullmatch(value))


def region_provinces() -> QuerySet[Region]:
    return Region.objects.filter(level=Level.PROVINCE).order_by("name")


def region_children(parent_code: str | None) -> QuerySet[Region]:
    """Children of a province, regency or district, by name. Anything else — empty,
    malformed, unknown, or a village — gives an empty queryset, never an error."""
    code = (parent_code or "").strip()
    if not _PARENT_CODE.fullmatch(code):
        return Region.objects.none()
    return Region.objects.filter(parent_id=code).order_by("name")


def region_get(code: str | None) -> Region | None:
    code = (code or "").strip()
    if not is_region_code(code):
        return None
    return Region.objects.filter(pk=code).first()


def region_chain(village: Region | str | None) -> dict[str, Region]:
    """``{"province": …, "regency": …, "district": …, "village": …}`` for a village (or a
    village code); an empty dict when it is unknown or not a village."""
    if village is None:
        return {}
    code = village.pk if isinstance(village, Region) else str(village)
    if not is_region_code(code):
        return {}
    region = (
        Region.objects.select_related("parent__parent__parent")
        .filter(pk=code, level=Level.VILLAGE)
        .first()
    )
    if region is None:
        return {}
    district = region.parent
    regency = district.parent if district else None
    province = regency.parent if regency else None
    if district is None or regency is None or province is None:
        return {}
    return {"province": province, "regency": regency, "district": district, "village": region}


def village_names(codes: Iterable[str]) -> dict[str, str]:
    """The name of each code in ``codes`` that is a known village (kelurahan/desa), in one
    query (bulk checks such as the holders import)."""
    wanted = {code for code in codes if code}
    if not wanted:
        return {}
    rows = Region.objects.filter(code__in=wanted, level=Level.VILLAGE).values_list("code", "name")
    return dict(rows)
