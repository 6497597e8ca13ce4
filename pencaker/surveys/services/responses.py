"""Kiosk and paper questionnaires: the respondent's profile, the checks, the stored answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.accounts.models import User
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import DomainError
from pencaker.core.text import text_clean
from pencaker.offices.models import Office
from pencaker.surveys.choices import (
    AgeBand,
    Channel,
    Education,
    Gender,
    Occupation,
    Service,
    TimeSlot,
)
from pencaker.surveys.errors import SurveyErrorCode
from pencaker.surveys.models import (
    Answer,
    Invitation,
    Response,
)
from pencaker.surveys.selectors import questionnaire_for_office


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
    # Not a profile answer but travels with it from every form: the free-text saran.
    suggestion: str = ""


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
                SurveyErrorCode.PROFILE_INVALID,
                _("Please choose one of the listed answers for %(field)s.")
                % {"field": cast(models.Field, Response._meta.get_field(name)).verbose_name},
                details={"field": name},
            )
    if profile.survey_date and profile.survey_date > timezone.localdate():
        raise DomainError(
            SurveyErrorCode.SURVEY_DATE_FUTURE, _("The survey date cannot be in the future.")
        )


def response_store(
    *,
    office: Office,
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
            SurveyErrorCode.QUESTION_UNKNOWN,
            _("The questionnaire has changed. Please open it again and answer once more."),
        )
    bad = [qid for qid, value in given.items() if value not in (1, 2, 3, 4)]
    if bad:
        raise DomainError(
            SurveyErrorCode.ANSWER_OUT_OF_RANGE,
            _("Every answer must be one of the four choices."),
            details={"questions": bad},
        )
    if not given:
        raise DomainError(SurveyErrorCode.NO_ANSWERS, _("Please answer at least one question."))
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
        suggestion=text_clean(profile.suggestion or "", multiline=True)[:1000],
    )
    Answer.objects.bulk_create(
        Answer(response=response, question_id=qid, element=questions[qid].element, value=value)
        for qid, value in given.items()
    )
    return response


@transaction.atomic
def response_record(
    *,
    actor: User | None,
    office: Office,
    channel: str,
    answers: Mapping[int, int | None],
    profile: Profile,
) -> Response:
    """Store a kiosk or paper questionnaire (``answers``: question id -> 1..4 or None)."""
    if channel not in (Channel.KIOSK, Channel.PAPER):
        raise DomainError(SurveyErrorCode.CHANNEL_INVALID, _("Unknown survey channel."))
    response = response_store(
        office=office, channel=channel, answers=answers, profile=profile, invitation=None
    )
    audit_record(
        actor=actor,
        action=AuditAction.SURVEY_RESPONSE_RECORDED,
        obj=response,
        office=office,
        data={"channel": channel},
    )
    return response
