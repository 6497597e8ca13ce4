"""Import of paper questionnaires from a CSV: all rows or none."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from pencaker.accounts.models import User
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import DomainError
from pencaker.surveys import ikm
from pencaker.surveys.choices import (
    AgeBand,
    Channel,
    Education,
    Gender,
    Occupation,
    Service,
    TimeSlot,
    age_band_for,
)
from pencaker.surveys.models import (
    Question,
    SurveyPeriod,
)
from pencaker.surveys.selectors import questions_by_element
from pencaker.surveys.services.responses import Profile, response_store

_PROFILE_COLUMNS = {
    "gender": "gender",
    "jenis_kelamin": "gender",
    "jenis kelamin": "gender",
    "age": "age",
    "umur": "age",
    "usia": "age",
    "education": "education",
    "pendidikan": "education",
    "occupation": "occupation",
    "pekerjaan": "occupation",
    "service": "service",
    "layanan": "service",
    "jenis_layanan": "service",
    "date": "date",
    "tanggal": "date",
    "time slot": "time_slot",
    "time_slot": "time_slot",
    "jam": "time_slot",
    "waktu": "time_slot",
}
_GENDER_ALIASES = {"l": "male", "m": "male", "laki-laki": "male", "p": "female", "f": "female"}
_GENDER_ALIASES["perempuan"] = "female"


def _profile_from_row(
    row: Sequence[str], columns: dict[int, str], *, row_number: int, header: Sequence[str]
) -> Profile:
    profile = Profile()
    for index, name in columns.items():
        raw = row[index].strip() if index < len(row) else ""
        if not raw:
            continue
        value = raw.lower()

        def fail(raw: str = raw, index: int = index) -> ikm.IkmInputError:
            return ikm.IkmInputError(
                _("Row %(row)s, column %(column)s: “%(value)s” is not a known value.")
                % {"row": row_number, "column": header[index], "value": raw[:30]},
                row=row_number,
                column=header[index],
            )

        if name == "gender":
            value = _GENDER_ALIASES.get(value, value)
            if value not in Gender.values:
                raise fail()
            profile.gender = value
        elif name == "age":
            if value.isdigit():
                band = age_band_for(int(value))
                if band is None:
                    raise fail()
                profile.age_band = band
            elif value in AgeBand.values:
                profile.age_band = value
            else:
                raise fail()
        elif name == "date":
            try:
                profile.survey_date = dt.date.fromisoformat(raw)
            except ValueError:
                try:
                    profile.survey_date = dt.datetime.strptime(raw, "%d/%m/%Y").date()
                except ValueError:
                    raise fail() from None
        else:
            allowed = {
                "education": Education.values,
                "occupation": Occupation.values,
                "service": Service.values,
                "time_slot": TimeSlot.values,
            }[name]
            if value not in allowed:
                raise fail()
            setattr(profile, name, value)
    return profile


@transaction.atomic
def responses_import(
    *,
    actor: User | None,
    period: SurveyPeriod,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
) -> int:
    """Store a CSV of paper questionnaires as the period's responses: all rows or none.

    Columns U1 … U9 (or U1.1, U1.2 …) map onto the office's questions of that element:
    ``.1`` is the standard question, ``.2`` onward the office's own in their order. Profile
    columns use the codes of ``pencaker.surveys.choices`` (an age may be a number). A row
    without a date is dated on the period's first day. Raises ``IkmInputError`` naming the
    row and column of the first problem.
    """
    ikm.parse_table(header, [])  # validates the header: every element U1 … U9 has a column
    by_element = questions_by_element(period.office)
    question_columns: dict[int, Question] = {}
    profile_columns: dict[int, str] = {}
    for index, name in enumerate(header):
        key = ikm.element_column(name)
        if key is None:
            profile_name = _PROFILE_COLUMNS.get(name.strip().lower())
            if profile_name:
                profile_columns[index] = profile_name
            continue
        code, number = key
        if number > len(by_element[code]):
            raise ikm.IkmInputError(
                _("Column %(column)s: this office has only %(count)s question(s) for %(code)s.")
                % {"column": name.strip(), "count": len(by_element[code]), "code": code},
                column=name.strip(),
            )
        question_columns[index] = by_element[code][number - 1]

    stored = 0
    for row_number, row in enumerate(rows, start=2):
        answers = ikm.parse_table(header, [row], first_row=row_number)
        if not answers:
            continue
        profile = _profile_from_row(row, profile_columns, row_number=row_number, header=header)
        if profile.survey_date is None:
            profile.survey_date = period.start_date
        if not period.start_date <= profile.survey_date <= period.end_date:
            raise ikm.IkmInputError(
                _("Row %(row)s: the date %(date)s is outside the period %(start)s – %(end)s.")
                % {
                    "row": row_number,
                    "date": profile.survey_date.isoformat(),
                    "start": period.start_date.isoformat(),
                    "end": period.end_date.isoformat(),
                },
                row=row_number,
            )
        values: dict[int, int | None] = {}
        for index, question in question_columns.items():
            raw = row[index].strip() if index < len(row) else ""
            values[question.id] = int(raw) if raw else None
        try:
            response_store(
                office=period.office,
                channel=Channel.PAPER,
                answers=values,
                profile=profile,
                invitation=None,
            )
        except DomainError as exc:
            raise ikm.IkmInputError(
                _("Row %(row)s: %(problem)s") % {"row": row_number, "problem": exc.message},
                row=row_number,
            ) from exc
        stored += 1
    audit_record(
        actor=actor,
        action=AuditAction.SURVEY_RESPONSES_IMPORTED,
        obj=period,
        office=period.office,
        data={"count": stored},
    )
    return stored
