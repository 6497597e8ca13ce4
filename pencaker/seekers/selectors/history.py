"""The profile's history, with field labels and display values at read time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pencaker.regions.models import Region
from pencaker.seekers.choices import Section
from pencaker.seekers.models import (
    JobSeekerProfile,
    ProfileChange,
)

# --- history --------------------------------------------------------------------------


_MODELS_BY_SECTION: dict[str, str] = {
    Section.IDENTITY: "jobseekerprofile",
    Section.ADDRESS: "jobseekerprofile",
    Section.PREFERENCES: "jobseekerprofile",
    Section.DISABILITY: "jobseekerprofile",
    Section.CONTACT: "user",
    Section.EDUCATION: "education",
    Section.TRAINING: "training",
    Section.EXPERIENCE: "workexperience",
    Section.SKILLS: "skill",
    Section.LANGUAGES: "languageskill",
}


@dataclass(frozen=True)
class ChangeLine:
    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryRow:
    at: Any
    actor: str
    by_owner: bool
    section: str
    action: str
    lines: list[ChangeLine]


def _model_for(section: str) -> Any:
    from django.apps import apps

    name = _MODELS_BY_SECTION.get(section, "jobseekerprofile")
    if name == "user":
        from django.contrib.auth import get_user_model

        return get_user_model()
    return apps.get_model("seekers", name)


def _display(model: Any, name: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    try:
        model_field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - unknown key in old rows: show raw
        return str(value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.is_relation and name != "village":
        # A foreign key is stored as its id: show what it names, never "office → 1".
        related = model_field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if name == "village":
        region = Region.objects.filter(pk=value).first()
        return f"{region.name} ({value})" if region else str(value)
    return str(value)


# Fields whose model gives no readable name.
_LABELS = {"office": gettext_lazy("Manpower office")}


def _label(model: Any, name: str) -> str:
    if name in _LABELS:
        return str(_LABELS[name])
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001
        return name


def profile_history(profile: JobSeekerProfile) -> list[HistoryRow]:
    """The profile's change history, newest first, with field labels and shown values."""
    rows = []
    for change in ProfileChange.objects.filter(profile=profile).select_related("actor"):
        model = _model_for(change.section)
        lines = [
            ChangeLine(
                field=name,
                label=_label(model, name),
                old=_display(model, name, pair[0]),
                new=_display(model, name, pair[1]),
            )
            for name, pair in change.changes.items()
            if name != "entry"
        ]
        rows.append(
            HistoryRow(
                at=change.at,
                actor=str(change.actor) if change.actor else _("system"),
                by_owner=change.actor_id == profile.user_id,
                section=change.get_section_display(),
                action=change.get_action_display(),
                lines=lines,
            )
        )
    return rows
