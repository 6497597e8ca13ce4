"""Profile validation rules shared by services (and so by forms and the API).

Each ``*_errors`` function returns ``{field: [message, ...]}``; empty means valid. The
messages tell a first-time user exactly what to fix.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from pencaker.accounts.phone import phone_normalize
from pencaker.core.dates import age_on
from pencaker.regions.nik import NikError, parse_nik
from pencaker.seekers.choices import EducationLevel, LanguageLevel, MaritalStatus, Religion, Sex
from pencaker.seekers.models import MAX_YEAR, MIN_BIRTH_DATE, MIN_YEAR

DEFAULT_MIN_AGE = 18
_RT_RW = re.compile(r"^[0-9]{1,3}$")
_POSTAL = re.compile(r"^[1-9][0-9]{4}$")


def _dmy(value: dt.date) -> str:
    return value.strftime("%d-%m-%Y")


def normalize_rt_rw(value: str | None) -> str:
    value = (value or "").strip()
    # "005" and "5" are the same RT; store without leading zeros.
    return str(int(value)) if value.isdigit() else value


def min_age_for(office: Any) -> int:
    """The office's minimum age; 18 while the office is not known yet."""
    return int(getattr(office, "min_age", None) or DEFAULT_MIN_AGE)


def length_errors(model: Any, values: dict[str, Any]) -> dict[str, list[str]]:
    """Text longer than its column: refused with a message instead of a database error."""
    errors: dict[str, list[str]] = {}
    for name, value in values.items():
        from django.core.exceptions import FieldDoesNotExist

        try:
            limit = getattr(model._meta.get_field(name), "max_length", None)
        except FieldDoesNotExist:
            limit = None
        if limit and isinstance(value, str) and len(value) > limit:
            errors[name] = [
                _("Please shorten this to at most %(limit)s characters.") % {"limit": limit}
            ]
    return errors


def identity_errors(
    *,
    nik: str,
    birth_date: dt.date | None,
    sex: str,
    min_age: int,
    today: dt.date,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if birth_date is not None:
        if birth_date > today:
            errors.setdefault("birth_date", []).append(
                _("The date of birth cannot be in the future.")
            )
        elif birth_date < MIN_BIRTH_DATE:
            errors.setdefault("birth_date", []).append(
                _("Please check the year of birth: it is too long ago.")
            )
        elif age_on(birth_date, today) < min_age:
            errors.setdefault("birth_date", []).append(
                _(
                    "You must be at least %(age)s years old to register as a job seeker at "
                    "this office."
                )
                % {"age": min_age}
            )
    if nik:
        try:
            parsed = parse_nik(nik)
        except NikError as exc:
            errors.setdefault("nik", []).append(exc.message)
        else:
            nik_birth, nik_sex = parsed.birth_date, parsed.sex
            if birth_date is not None and nik_birth is not None and nik_birth != birth_date:
                errors.setdefault("nik", []).append(
                    _(
                        "The date of birth in the NIK (%(nik_date)s) is not the same as the "
                        "date of birth you entered (%(form_date)s)."
                    )
                    % {"nik_date": _dmy(nik_birth), "form_date": _dmy(birth_date)}
                )
            if sex and nik_sex and nik_sex != sex:
                errors.setdefault("nik", []).append(
                    _(
                        "The sex in the NIK (%(nik_sex)s) is not the same as the sex you "
                        "entered (%(form_sex)s)."
                    )
                    % {
                        "nik_sex": str(Sex(nik_sex).label).lower(),
                        "form_sex": str(Sex(sex).label).lower(),
                    }
                )
    if sex and sex not in Sex.values:
        errors.setdefault("sex", []).append(_("Please choose male or female."))
    return errors


def choice_errors(*, marital_status: str, religion: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if marital_status and marital_status not in MaritalStatus.values:
        errors["marital_status"] = [_("Please choose a marital status from the list.")]
    if religion and religion not in Religion.values:
        errors["religion"] = [_("Please choose a religion from the list.")]
    return errors


def address_errors(
    *, address_line: str, rt: str, rw: str, village: Any, postal_code: str
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if rt and not _RT_RW.match(rt):
        errors["rt"] = [_("Write the RT as a number of at most 3 digits, for example 005.")]
    if rw and not _RT_RW.match(rw):
        errors["rw"] = [_("Write the RW as a number of at most 3 digits, for example 002.")]
    if postal_code and not _POSTAL.match(postal_code):
        errors["postal_code"] = [_("A postal code has 5 digits, for example 30126.")]
    if village is not None and getattr(village, "level", "village") != "village":
        errors["village"] = [_("Please choose your kelurahan/desa.")]
    return errors


def normalize_phone(value: str) -> tuple[str, str]:
    """Return ``(E.164 number, error message)`` using the accounts app's phone rules."""

    if not (value or "").strip():
        return "", _("Please write your mobile number, for example 0812 3456 7890.")
    try:
        return phone_normalize(value), ""
    except ValidationError as exc:
        return "", str(exc.messages[0])


def _year_errors(field: str, year: Any, today: dt.date) -> dict[str, list[str]]:
    if not isinstance(year, int):
        return {field: [_("Please write the year with 4 digits, for example 2020.")]}
    if year < MIN_YEAR or year > min(MAX_YEAR, today.year):
        return {
            field: [
                _("Please write a year between %(first)s and %(last)s.")
                % {"first": MIN_YEAR, "last": today.year}
            ]
        }
    return {}


def education_errors(
    *,
    level: str,
    institution: str,
    major: str,
    graduation_year: Any,
    birth_date: dt.date | None,
    today: dt.date,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if level not in EducationLevel.values:
        errors["level"] = [_("Please choose the level of education.")]
    if not institution:
        errors["institution"] = [_("Please write the name of the school or institution.")]
    errors.update(_year_errors("graduation_year", graduation_year, today))
    if (
        "graduation_year" not in errors
        and birth_date is not None
        and graduation_year <= birth_date.year
    ):
        errors["graduation_year"] = [_("The graduation year must be after your year of birth.")]
    return errors


def training_errors(
    *, name: str, organizer: str, year: Any, certificate_number: str, today: dt.date
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Please write the name of the training or certificate.")]
    errors.update(_year_errors("year", year, today))
    return errors


def experience_errors(
    *,
    employer: str,
    position: str,
    start_date: dt.date | None,
    end_date: dt.date | None,
    description: str,
    today: dt.date,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not employer:
        errors["employer"] = [_("Please write the name of the employer.")]
    if not position:
        errors["position"] = [_("Please write your position or job title.")]
    if start_date is None:
        errors["start_date"] = [_("Please enter the date you started.")]
    elif start_date > today:
        errors["start_date"] = [_("The start date cannot be in the future.")]
    elif start_date < MIN_BIRTH_DATE:
        errors["start_date"] = [_("Please check the start date: the year is too long ago.")]
    if end_date is not None:
        if end_date > today:
            errors["end_date"] = [
                _("The end date cannot be in the future. Leave it empty if you still work there.")
            ]
        elif start_date is not None and end_date < start_date:
            errors["end_date"] = [
                _("The end date (%(end)s) is before the start date (%(start)s).")
                % {"end": _dmy(end_date), "start": _dmy(start_date)}
            ]
    return errors


def language_errors(*, language: str, level: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not language:
        errors["language"] = [_("Please write the language.")]
    if level not in LanguageLevel.values:
        errors["level"] = [_("Please choose how well you speak it.")]
    return errors
