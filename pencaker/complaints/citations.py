"""The complaints a line of the IKM follow-up plan cites (issue 15, scope 7): registered
with ``surveys.citations`` in ``AppConfig.ready``. Numbers must be complaints of the plan's
office; staff get a link to those they may open (never to one naming them)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.urls import reverse

from pencaker.complaints.selectors import complaints_by_number, complaints_for_staff
from pencaker.surveys.citations import CitationResolver


def cited_unknown(office: Any, numbers: Sequence[str]) -> list[str]:
    found = complaints_by_number(office, list(numbers))
    return [number for number in numbers if number not in found]


def cited_links(viewer: Any, office: Any, numbers: Sequence[str]) -> dict[str, str]:
    if not numbers or getattr(viewer, "office_id", None) != getattr(office, "pk", None):
        return {}
    rows = complaints_for_staff(viewer).filter(tracking_number__in=list(numbers))
    return {
        number: reverse("complaints:staff_detail", kwargs={"pk": pk})
        for number, pk in rows.values_list("tracking_number", "pk")
    }


RESOLVER = CitationResolver(unknown=cited_unknown, links=cited_links)
