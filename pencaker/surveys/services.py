"""Writes of the survey app. Every write is atomic and audited; email goes after commit.

``invitation_create`` is the entry point for other apps (card issue, placement report).
The follow-up plan (``followup_create``/``followup_update``/``followup_delete``) is written
by operators and office administrators of the period's office only.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.accounts.models import Role
from pencaker.core.audit import audit_record
from pencaker.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from pencaker.notifications.models import Channel as MessageChannel
from pencaker.notifications.services import notification_queue_templated
from pencaker.surveys import ikm
from pencaker.surveys.choices import (
    AgeBand,
    Channel,
    Education,
    FollowUpStatus,
    Gender,
    InvitationReason,
    Occupation,
    Service,
    TimeSlot,
    age_band_for,
)
from pencaker.surveys.models import (
    INVITATION_VALID_DAYS,
    Answer,
    FollowUpAction,
    Invitation,
    Question,
    Response,
    SurveyPeriod,
)
from pencaker.surveys.selectors import questionnaire_for_office, questions_by_element


@dataclass
class Profile:
    """What a respondent tells about themself; every field may stay empty."""

    gender: str = ""
    age_band: str = ""
    education: str = ""
    occupation: str = ""
    service: str = ""
    survey_date: dt.date | None = None
    time_slot: str = ""


# --- Periods -------------------------------------------------------------------------------


@transaction.atomic
def period_create(
    *,
    actor: Any,
    office: Any,
    name: str,
    start_date: dt.date,
    end_date: dt.date,
    target_population: int = 0,
) -> SurveyPeriod:
    if end_date < start_date:
        raise DomainError("period_dates", _("The last day must not be before the first day."))
    if SurveyPeriod.objects.filter(office=office, name=name).exists():
        raise Conflict("period_name_taken", _("This office already has a period with this name."))
    period = SurveyPeriod.objects.create(
        office=office,
        name=name,
        start_date=start_date,
        end_date=end_date,
        target_population=target_population,
    )
    audit_record(actor=actor, action="survey.period_created", obj=period, office=office)
    return period


@transaction.atomic
def period_publish(*, actor: Any, period: SurveyPeriod, publish: bool) -> SurveyPeriod:
    period = SurveyPeriod.objects.select_for_update().get(pk=period.pk)
    period.published_at = timezone.now() if publish else None
    period.save(update_fields=["published_at"])
    audit_record(
        actor=actor,
        action="survey.period_published" if publish else "survey.period_unpublished",
        obj=period,
        office=period.office,
    )
    return period


# --- Invitations -----------------------------------------------------------------------------


@transaction.atomic
def invitation_create(
    *, office: Any, reason: str, contact_email: str | None = None, actor: Any = None
) -> Invitation:
    """Create a single-use survey link for someone who was just served.

    Returns the invitation (``.url`` is the absolute link, ``.path`` the relative one, for
    a status page). When ``contact_email`` is given, the link is emailed through the
    notifications outbox after commit; the address is not stored with the invitation (and
    the outbox message is deleted once sent), so the answer cannot be traced back to the person.
    """
    if reason not in InvitationReason.values:
        raise DomainError("invitation_reason", _("Unknown reason for a survey invitation."))
    invitation = Invitation.objects.create(office=office, reason=reason)
    audit_record(
        actor=actor,
        action="survey.invitation_created",
        obj=invitation,
        office=office,
        data={"reason": reason, "emailed": bool(contact_email)},
    )
    if contact_email:
        # Through the outbox (retried, sent after commit). The outbox row holds the address
        # and the link only until the message is sent: it is then deleted (and blanked if
        # delivery is given up), so nothing keeps the person next to the answer.
        notification_queue_templated(
            channel=MessageChannel.EMAIL,
            recipient=contact_email,
            kind="survey.invitation",
            template="surveys/email/invitation",
            context={
                "office_name": office.name,
                "url": invitation.url,
                "days": INVITATION_VALID_DAYS,
            },
            language=None,
            dedupe_key=f"survey.invitation:{invitation.pk}",
            erase_after_delivery=True,
        )
    return invitation


# --- Responses -------------------------------------------------------------------------------

_PROFILE_CHOICES = {
    "gender": Gender.values,
    "age_band": AgeBand.values,
    "education": Education.values,
    "occupation": Occupation.values,
    "service": Service.values,
    "time_slot": TimeSlot.values,
}


def _check_profile(profile: Profile) -> None:
    for name, allowed in _PROFILE_CHOICES.items():
        value = getattr(profile, name)
        if value and value not in allowed:
            raise DomainError(
                "profile_invalid",
                _("Please choose one of the listed answers for %(field)s.")
                % {"field": cast(models.Field, Response._meta.get_field(name)).verbose_name},
                details={"field": name},
            )
    if profile.survey_date and profile.survey_date > timezone.localdate():
        raise DomainError("survey_date_future", _("The survey date cannot be in the future."))


def _store_response(
    *,
    office: Any,
    channel: str,
    answers: Mapping[int, int | None],
    profile: Profile,
    invitation: Invitation | None,
) -> Response:
    _check_profile(profile)
    questions = {q.id: q for q in questionnaire_for_office(office)}
    given = {qid: value for qid, value in answers.items() if value is not None}
    unknown = [qid for qid in given if qid not in questions]
    if unknown:
        raise DomainError(
            "question_unknown",
            _("The questionnaire has changed. Please open it again and answer once more."),
        )
    bad = [qid for qid, value in given.items() if value not in (1, 2, 3, 4)]
    if bad:
        raise DomainError(
            "answer_out_of_range",
            _("Every answer must be one of the four choices."),
            details={"questions": bad},
        )
    if not given:
        raise DomainError("no_answers", _("Please answer at least one question."))
    response = Response.objects.create(
        office=office,
        channel=channel,
        invitation=invitation,
        gender=profile.gender,
        age_band=profile.age_band,
        education=profile.education,
        occupation=profile.occupation,
        service=profile.service,
        survey_date=profile.survey_date or timezone.localdate(),
        time_slot=profile.time_slot,
    )
    Answer.objects.bulk_create(
        Answer(response=response, question_id=qid, element=questions[qid].element, value=value)
        for qid, value in given.items()
    )
    return response


@transaction.atomic
def response_record(
    *,
    actor: Any,
    office: Any,
    channel: str,
    answers: Mapping[int, int | None],
    profile: Profile,
) -> Response:
    """Store a kiosk or paper questionnaire (``answers``: question id -> 1..4 or None)."""
    if channel not in (Channel.KIOSK, Channel.PAPER):
        raise DomainError("channel_invalid", _("Unknown survey channel."))
    response = _store_response(
        office=office, channel=channel, answers=answers, profile=profile, invitation=None
    )
    audit_record(
        actor=actor,
        action="survey.response_recorded",
        obj=response,
        office=office,
        data={"channel": channel},
    )
    return response


def invitation_answer(
    *, token: str, answers: Mapping[int, int | None], profile: Profile
) -> Response:
    """Store the answer to an invitation; a second answer is refused (also by the database)."""
    try:
        with transaction.atomic():
            invitation = Invitation.objects.select_for_update().filter(token=token).first()
            if invitation is None:
                raise NotFound("invitation_unknown", _("This survey link is not valid."))
            if invitation.used_at is not None:
                raise Conflict(
                    "invitation_used", _("This survey link has already been used. Thank you!")
                )
            if invitation.is_expired:
                raise Conflict("invitation_expired", _("This survey link has expired."))
            response = _store_response(
                office=invitation.office,
                channel=Channel.INVITATION,
                answers=answers,
                profile=profile,
                invitation=invitation,
            )
            invitation.used_at = timezone.now()
            invitation.save(update_fields=["used_at"])
            audit_record(
                actor=None,
                action="survey.response_recorded",
                obj=response,
                office=invitation.office,
                data={"channel": Channel.INVITATION},
            )
            return response
    except IntegrityError as exc:
        raise Conflict(
            "invitation_used", _("This survey link has already been used. Thank you!")
        ) from exc


# --- Import of paper questionnaires --------------------------------------------------------

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
    *, actor: Any, period: SurveyPeriod, header: Sequence[str], rows: Sequence[Sequence[str]]
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
            _store_response(
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
        action="survey.responses_imported",
        obj=period,
        office=period.office,
        data={"count": stored},
    )
    return stored


# --- Follow-up plan (rencana tindak lanjut) ------------------------------------------------

WRITER_ROLES: frozenset[str] = frozenset({Role.OPERATOR, Role.ADMIN_DINAS})
QUARTER_RE = re.compile(r"^(\d{4})-Q([1-4])$")
QUARTER_YEARS = range(2000, 2101)
ACTION_MAX_LENGTH = 1000
PERSON_MAX_LENGTH = 150


def _check_followup_writer(actor: Any, period: SurveyPeriod) -> None:
    if getattr(actor, "role", None) not in WRITER_ROLES or actor.office_id != period.office_id:
        raise PermissionDenied(
            "followup_forbidden",
            _("Only operators and administrators of this office can change the plan."),
        )


def _clean_followup(
    *, element: str, action: str, quarter: str, person_responsible: str, status: str
) -> dict[str, str]:
    action = action.strip()
    person_responsible = person_responsible.strip()
    quarter = quarter.strip().upper()
    if element not in ikm.ELEMENTS_BY_CODE:
        raise DomainError("followup_element", _("Choose one of the elements U1 to U9."))
    if not action:
        raise DomainError("followup_action_missing", _("Describe the action."))
    if len(action) > ACTION_MAX_LENGTH:
        raise DomainError(
            "followup_action_long",
            _("Describe the action in at most %(max)s characters.") % {"max": ACTION_MAX_LENGTH},
        )
    match = QUARTER_RE.match(quarter)
    if not match or int(match.group(1)) not in QUARTER_YEARS:
        raise DomainError(
            "followup_quarter", _("Write the quarter as year and quarter, for example 2027-Q1.")
        )
    if not person_responsible or len(person_responsible) > PERSON_MAX_LENGTH:
        raise DomainError(
            "followup_person",
            _("Name the person or position responsible (at most %(max)s characters).")
            % {"max": PERSON_MAX_LENGTH},
        )
    if status not in FollowUpStatus.values:
        raise DomainError("followup_status", _("Choose one of the listed statuses."))
    return {
        "element": element,
        "action": action,
        "quarter": quarter,
        "person_responsible": person_responsible,
        "status": status,
    }


def _followup_data(followup: FollowUpAction) -> dict[str, str]:
    return {
        "period": str(followup.period_id),
        "element": followup.element,
        "action": followup.action,
        "quarter": followup.quarter,
        "person_responsible": followup.person_responsible,
        "status": followup.status,
    }


@transaction.atomic
def followup_create(
    *,
    actor: Any,
    period: SurveyPeriod,
    element: str,
    action: str,
    quarter: str,
    person_responsible: str,
    status: str = FollowUpStatus.PLANNED,
) -> FollowUpAction:
    """Add a line to the period's follow-up plan."""
    _check_followup_writer(actor, period)
    values = _clean_followup(
        element=element,
        action=action,
        quarter=quarter,
        person_responsible=person_responsible,
        status=status,
    )
    followup = FollowUpAction.objects.create(period=period, **values)
    audit_record(
        actor=actor,
        action="survey.followup_created",
        obj=followup,
        office=period.office,
        data=_followup_data(followup),
    )
    return followup


@transaction.atomic
def followup_update(
    *,
    actor: Any,
    followup: FollowUpAction,
    element: str,
    action: str,
    quarter: str,
    person_responsible: str,
    status: str,
) -> FollowUpAction:
    """Change a line of the plan; the audit row keeps the values before and after."""
    locked = (
        FollowUpAction.objects.select_for_update()
        .select_related("period__office")
        .filter(pk=followup.pk)
        .first()
    )
    if locked is None:
        raise NotFound("followup_unknown", _("This follow-up action no longer exists."))
    _check_followup_writer(actor, locked.period)
    values = _clean_followup(
        element=element,
        action=action,
        quarter=quarter,
        person_responsible=person_responsible,
        status=status,
    )
    before = _followup_data(locked)
    for name, value in values.items():
        setattr(locked, name, value)
    locked.save()
    audit_record(
        actor=actor,
        action="survey.followup_updated",
        obj=locked,
        office=locked.period.office,
        data={"before": before, "after": _followup_data(locked)},
    )
    return locked


@transaction.atomic
def followup_delete(*, actor: Any, followup: FollowUpAction) -> None:
    """Remove a line of the plan; the audit row keeps what it said."""
    locked = (
        FollowUpAction.objects.select_for_update()
        .select_related("period__office")
        .filter(pk=followup.pk)
        .first()
    )
    if locked is None:
        raise NotFound("followup_unknown", _("This follow-up action no longer exists."))
    _check_followup_writer(actor, locked.period)
    data = _followup_data(locked)
    audit_record(
        actor=actor,
        action="survey.followup_deleted",
        obj=locked,
        office=locked.period.office,
        data=data,
    )
    locked.delete()
