"""Record ``SeekerEvent`` rows with their attributes frozen at the event.

``seeker_event_record`` is the only writer. ``on_card_issued`` is what the applications
app calls when a card is issued for an application (new card, renewal, data change,
replacement); the versions this app re-issues for reports and placements do not call it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import translation

from pencaker.core.dates import age_on
from pencaker.lifecycle.choices import ENDING_KINDS, AgeGroup, EventKind
from pencaker.lifecycle.models import SeekerEvent
from pencaker.regions.nik import nik_sex
from pencaker.seekers.choices import EducationLevel, Sex
from pencaker.seekers.models import JobSeekerProfile

_AGE_BOUNDS = [
    (20, AgeGroup.A15_19),
    (30, AgeGroup.A20_29),
    (45, AgeGroup.A30_44),
    (55, AgeGroup.A45_54),
]


def age_group(birth_date: dt.date | None, day: dt.date) -> str:
    """The IPK age group on ``day``; holders under 15 (not possible by the office minimum
    age) are counted in the youngest group rather than dropped."""
    if birth_date is None:
        return ""
    age = age_on(birth_date, day)
    for upper, group in _AGE_BOUNDS:
        if age < upper:
            return group.value
    return AgeGroup.A55_PLUS.value


def highest_education(levels: list[str]) -> str:
    order = list(EducationLevel.values)
    known = [level for level in levels if level in order]
    return max(known, key=order.index) if known else ""


def _sex_from_label(label: str) -> str:
    if label in Sex.values:
        return label
    with translation.override("id"):
        by_label = {str(choice.label): choice.value for choice in Sex}
    with translation.override("en"):
        by_label.update({str(choice.label): choice.value for choice in Sex})
    return by_label.get(label, "")


def _profile(holder: Any) -> Any:
    return JobSeekerProfile.objects.filter(user=holder).first()


def frozen_attributes(card: Any) -> dict[str, Any]:
    """Sex, birth date and highest education from the card's frozen data, completed from
    the holder's profile where the card lacks them."""
    data = card.data or {}
    sex = _sex_from_label(str(data.get("sex") or "")) or nik_sex(str(data.get("nik") or ""))
    birth_date = card.birth_date
    education = highest_education([str(e.get("level") or "") for e in data.get("education") or []])
    if not (sex and birth_date and education):
        profile = _profile(card.holder)
        if profile is not None:
            sex = sex or profile.sex or ""
            birth_date = birth_date or profile.birth_date
            if not education:
                education = highest_education(
                    list(profile.education.values_list("level", flat=True))
                )
    return {"sex": sex, "birth_date": birth_date, "education_level": education}


def seeker_event_record(
    *, kind: str, card: Any, on: dt.date, placement_area: str = "", note: str = ""
) -> SeekerEvent:
    """Append one event for ``card``'s holder at ``card``'s office on ``on``.

    Call inside the caller's transaction.
    """
    if kind not in EventKind.values:
        raise ValueError(f"unknown event kind {kind!r}")
    attrs = frozen_attributes(card)
    return SeekerEvent.objects.create(
        office_id=card.office_id,
        card=card,
        holder_id=card.holder_id,
        kind=kind,
        occurred_on=on,
        sex=attrs["sex"],
        birth_date=attrs["birth_date"],
        age_group=age_group(attrs["birth_date"], on),
        education_level=attrs["education_level"],
        placement_area=placement_area if kind == EventKind.PLACED else "",
        note=note[:200],
    )


def registration_is_open(holder: Any) -> bool:
    """Whether the holder's last registration event opened a registration that no
    ``placed``/``removed``/``expired`` event has closed yet."""
    last = (
        SeekerEvent.objects.filter(holder=holder)
        .exclude(kind__in=[EventKind.REPORTED])
        .order_by("-occurred_on", "-id")
        .values_list("kind", flat=True)
        .first()
    )
    return last is not None and last not in ENDING_KINDS


def on_card_issued(card: Any, *, renewal: bool) -> SeekerEvent | None:
    """Record what a card issued for an application means for the register.

    ``applications.services.application_card_issue`` calls it in the transaction that
    issues the card; ``renewal`` says whether the application was a renewal. Idempotent
    per card.

    - new card number, or the holder's registration had ended: ``registered``;
    - a renewal while the registration is open: ``renewed``;
    - any other new version (data change, replacement) while open: nothing.
    """
    if SeekerEvent.objects.filter(card=card).exists():
        return None
    on = card.issued_on
    if card.supersedes_id is None or not registration_is_open(card.holder):
        return seeker_event_record(kind=EventKind.REGISTERED, card=card, on=on)
    if renewal:
        return seeker_event_record(kind=EventKind.RENEWED, card=card, on=on)
    return None
