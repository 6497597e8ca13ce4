"""The programme report for staff: registered, eligible, selected, completed, certified and
working at +6 months (from the follow-up survey), in total and by sex, age group (at
registration) and highest education."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from pencaker.seekers.choices import EducationLevel, Sex
from pencaker.training.choices import RegistrationStatus as R
from pencaker.training.models import Registration
from pencaker.training.models_running import FollowUpKind

COLUMNS = ("registered", "eligible", "selected", "completed", "certified", "working_6m")
SELECTED = frozenset({R.SELECTED, R.CONFIRMED, R.LAPSED, R.COMPLETED, R.DROPPED_OUT})
AGE_GROUPS = ((0, 24, "18–24"), (25, 34, "25–34"), (35, 44, "35–44"), (45, 200, "45+"))
LEVELS = [level.value for level in EducationLevel]


def column_labels() -> dict[str, str]:
    return {
        "registered": _("Registered"),
        "eligible": _("Eligible"),
        "selected": _("Selected"),
        "completed": _("Completed"),
        "certified": _("Certified"),
        "working_6m": _("Working at +6 months"),
    }


def _age(birth: dt.date | None, on: dt.date) -> int | None:
    if birth is None:
        return None
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _age_group(age: int | None) -> str:
    if age is None:
        return _("Unknown")
    for low, high, label in AGE_GROUPS:
        if low <= age <= high:
            return label
    return _("Unknown")


def _facts(registration: Registration) -> dict[str, bool]:
    eligible = registration.status != R.WITHDRAWN and all(
        item.get("state") != "unmet"
        for item in (registration.eligibility or [])
        if isinstance(item, dict)
    )
    six = next((f for f in registration.follow_ups.all() if f.kind == FollowUpKind.MONTH_6), None)
    return {
        "registered": True,
        "eligible": eligible,
        "selected": registration.status in SELECTED or registration.selected_at is not None,
        "completed": registration.status == R.COMPLETED,
        "certified": hasattr(registration, "certificate"),
        "working_6m": bool(six and six.working),
    }


def programme_report(programme: Any) -> dict[str, Any]:
    rows = (
        Registration.objects.filter(wave__programme=programme)
        .select_related("seeker__seeker_profile", "certificate")
        .prefetch_related("follow_ups", "seeker__seeker_profile__education")
    )
    empty = dict.fromkeys(COLUMNS, 0)
    totals = dict(empty)
    by: dict[str, dict[str, dict[str, int]]] = {"sex": {}, "age": {}, "education": {}}
    for registration in rows:
        facts = _facts(registration)
        profile = getattr(registration.seeker, "seeker_profile", None)
        sex = dict(Sex.choices).get(getattr(profile, "sex", ""), _("Unknown"))
        on = registration.registered_at.date() if registration.registered_at else dt.date.today()
        age = _age_group(_age(getattr(profile, "birth_date", None), on))
        levels = [e.level for e in profile.education.all()] if profile else []
        best = (
            max(levels, key=lambda lv: LEVELS.index(lv) if lv in LEVELS else -1) if levels else ""
        )
        education = dict(EducationLevel.choices).get(best, _("Unknown")) if best else _("Unknown")
        for group, key in (("sex", str(sex)), ("age", age), ("education", str(education))):
            counts = by[group].setdefault(key, dict(empty))
            for column, value in facts.items():
                counts[column] += int(value)
        for column, value in facts.items():
            totals[column] += int(value)
    return {
        "columns": COLUMNS,
        "labels": column_labels(),
        "totals": totals,
        "groups": [
            (_("By sex"), sorted(by["sex"].items())),
            (_("By age group"), sorted(by["age"].items())),
            (
                _("By education"),
                sorted(by["education"].items(), key=lambda kv: _level_order(kv[0])),
            ),
        ],
    }


def _level_order(label: str) -> int:
    for index, (_value, text) in enumerate(EducationLevel.choices):
        if str(text) == label:
            return index
    return len(LEVELS)
