"""The list sections of the profile: education, training, experience, skills, languages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.accounts.models import User
from pencaker.core.text import name_clean, text_clean
from pencaker.seekers import rules
from pencaker.seekers.choices import Section
from pencaker.seekers.models import (
    Education,
    JobSeekerProfile,
    LanguageSkill,
    ProfileChange,
    Skill,
    Training,
    WorkExperience,
)
from pencaker.seekers.services._base import (
    _apply,
    _check_can_edit,
    _history,
    _invalid,
    _jsonable,
    _locked,
)

# --- list sections --------------------------------------------------------------------


def _entry_values(entry: Model, fields: tuple[str, ...]) -> dict[str, Any]:
    return {f: _jsonable(getattr(entry, f)) for f in fields}


def _entry_add(
    *,
    actor: User,
    profile: JobSeekerProfile,
    model: type[Model],
    section: str,
    fields: tuple[str, ...],
    values: dict[str, Any],
    errors: dict[str, list[str]],
    duplicate_field: str | None = None,
    duplicate_message: str = "",
) -> Any:
    _check_can_edit(actor, profile)
    errors = rules.length_errors(model, values) | errors
    if errors:
        raise _invalid(errors)
    with transaction.atomic():
        profile = _locked(profile)
        if duplicate_field and (
            model._default_manager.filter(  # type: ignore[attr-defined]
                profile=profile, **{f"{duplicate_field}__iexact": values[duplicate_field]}
            ).exists()
        ):
            raise _invalid({duplicate_field: [duplicate_message]})
        entry = model._default_manager.create(profile=profile, **values)  # type: ignore[attr-defined]
        _history(
            profile=profile,
            actor=actor,
            section=section,
            action=ProfileChange.Action.ADDED,
            changes={f: [None, v] for f, v in _entry_values(entry, fields).items()},
        )
    return entry


def _entry_update(
    *,
    actor: User,
    entry: Any,
    section: str,
    values: dict[str, Any],
    errors: dict[str, list[str]],
) -> Any:
    _check_can_edit(actor, entry.profile)
    errors = rules.length_errors(type(entry), values) | errors
    if errors:
        raise _invalid(errors)
    with transaction.atomic():
        profile = _locked(entry.profile)
        entry = type(entry)._default_manager.select_for_update().get(pk=entry.pk)
        changes = _apply(entry, values)
        if changes:
            entry.save()
            changes["entry"] = [entry.pk, entry.pk]
            _history(profile=profile, actor=actor, section=section, changes=changes)
    return entry


def _entry_remove(*, actor: User, entry: Any, section: str, fields: tuple[str, ...]) -> None:
    _check_can_edit(actor, entry.profile)
    with transaction.atomic():
        profile = _locked(entry.profile)
        before = _entry_values(entry, fields)
        type(entry)._default_manager.filter(pk=entry.pk).delete()
        _history(
            profile=profile,
            actor=actor,
            section=section,
            action=ProfileChange.Action.REMOVED,
            changes={f: [v, None] for f, v in before.items()},
        )


EDUCATION_FIELDS = ("level", "institution", "major", "graduation_year")
TRAINING_FIELDS = ("name", "organizer", "year", "certificate_number")
EXPERIENCE_FIELDS = ("employer", "position", "start_date", "end_date", "description")


def _education_values(level, institution, major, graduation_year) -> dict[str, Any]:
    return {
        "level": level,
        "institution": name_clean(institution),
        "major": name_clean(major),
        "graduation_year": graduation_year,
    }


def education_add(
    *,
    actor: User,
    profile: JobSeekerProfile,
    level: str,
    institution: str,
    major: str = "",
    graduation_year: int,
) -> Education:
    values = _education_values(level, institution, major, graduation_year)
    errors = rules.education_errors(
        **values, birth_date=profile.birth_date, today=timezone.localdate()
    )
    return _entry_add(
        actor=actor,
        profile=profile,
        model=Education,
        section=Section.EDUCATION,
        fields=EDUCATION_FIELDS,
        values=values,
        errors=errors,
    )


def education_update(
    *,
    actor: User,
    education: Education,
    level: str,
    institution: str,
    major: str = "",
    graduation_year: int,
) -> Education:
    values = _education_values(level, institution, major, graduation_year)
    errors = rules.education_errors(
        **values, birth_date=education.profile.birth_date, today=timezone.localdate()
    )
    return _entry_update(
        actor=actor, entry=education, section=Section.EDUCATION, values=values, errors=errors
    )


def education_remove(*, actor: User, education: Education) -> None:
    _entry_remove(actor=actor, entry=education, section=Section.EDUCATION, fields=EDUCATION_FIELDS)


def training_add(
    *,
    actor: User,
    profile: JobSeekerProfile,
    name: str,
    organizer: str = "",
    year: int,
    certificate_number: str = "",
) -> Training:
    values: dict[str, Any] = {
        "name": name_clean(name),
        "organizer": name_clean(organizer),
        "year": year,
        "certificate_number": name_clean(certificate_number),
    }
    errors = rules.training_errors(**values, today=timezone.localdate())
    return _entry_add(
        actor=actor,
        profile=profile,
        model=Training,
        section=Section.TRAINING,
        fields=TRAINING_FIELDS,
        values=values,
        errors=errors,
    )


def training_remove(*, actor: User, training: Training) -> None:
    _entry_remove(actor=actor, entry=training, section=Section.TRAINING, fields=TRAINING_FIELDS)


def _experience_values(employer, position, start_date, end_date, description) -> dict[str, Any]:
    return {
        "employer": name_clean(employer),
        "position": name_clean(position),
        "start_date": start_date,
        "end_date": end_date,
        "description": text_clean(description, multiline=True),
    }


def experience_add(
    *,
    actor: User,
    profile: JobSeekerProfile,
    employer: str,
    position: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    description: str = "",
) -> WorkExperience:
    values = _experience_values(employer, position, start_date, end_date, description)
    errors = rules.experience_errors(**values, today=timezone.localdate())
    return _entry_add(
        actor=actor,
        profile=profile,
        model=WorkExperience,
        section=Section.EXPERIENCE,
        fields=EXPERIENCE_FIELDS,
        values=values,
        errors=errors,
    )


def experience_update(
    *,
    actor: User,
    experience: WorkExperience,
    employer: str,
    position: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    description: str = "",
) -> WorkExperience:
    values = _experience_values(employer, position, start_date, end_date, description)
    errors = rules.experience_errors(**values, today=timezone.localdate())
    return _entry_update(
        actor=actor, entry=experience, section=Section.EXPERIENCE, values=values, errors=errors
    )


def experience_remove(*, actor: User, experience: WorkExperience) -> None:
    _entry_remove(
        actor=actor, entry=experience, section=Section.EXPERIENCE, fields=EXPERIENCE_FIELDS
    )


def skill_add(*, actor: User, profile: JobSeekerProfile, name: str) -> Skill:
    values = {"name": name_clean(name)}
    errors = {} if values["name"] else {"name": [_("Please write the skill.")]}
    return _entry_add(
        actor=actor,
        profile=profile,
        model=Skill,
        section=Section.SKILLS,
        fields=("name",),
        values=values,
        errors=errors,
        duplicate_field="name",
        duplicate_message=_("This skill is already on your list."),
    )


def skill_remove(*, actor: User, skill: Skill) -> None:
    _entry_remove(actor=actor, entry=skill, section=Section.SKILLS, fields=("name",))


def language_add(
    *, actor: User, profile: JobSeekerProfile, language: str, level: str
) -> LanguageSkill:
    values = {"language": name_clean(language), "level": level}
    errors = rules.language_errors(**values)
    return _entry_add(
        actor=actor,
        profile=profile,
        model=LanguageSkill,
        section=Section.LANGUAGES,
        fields=("language", "level"),
        values=values,
        errors=errors,
        duplicate_field="language",
        duplicate_message=_("This language is already on your list."),
    )


def language_remove(*, actor: User, language: LanguageSkill) -> None:
    _entry_remove(
        actor=actor, entry=language, section=Section.LANGUAGES, fields=("language", "level")
    )
