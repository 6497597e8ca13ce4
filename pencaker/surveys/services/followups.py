"""The follow-up plan (rencana tindak lanjut), written by operators and office
administrators of the period's office only."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils.translation import gettext as _

from pencaker.accounts.models import User
from pencaker.accounts.permissions import can_decide
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import DomainError, NotFound, PermissionDenied
from pencaker.surveys import citations, ikm
from pencaker.surveys.choices import (
    FollowUpStatus,
)
from pencaker.surveys.errors import SurveyErrorCode
from pencaker.surveys.models import (
    FollowUpAction,
    SurveyPeriod,
)

QUARTER_RE = re.compile(r"^(\d{4})-Q([1-4])$")
QUARTER_YEARS = range(2000, 2101)
ACTION_MAX_LENGTH = 1000
PERSON_MAX_LENGTH = 150


def _check_followup_writer(actor: User, period: SurveyPeriod) -> None:
    if not can_decide(actor, period.office_id):
        raise PermissionDenied(
            SurveyErrorCode.FOLLOWUP_FORBIDDEN,
            _("Only operators and administrators of this office can change the plan."),
        )


def _clean_citations(office, text: str) -> str:
    """The cited complaint numbers as stored (``"ADU-…, ADU-…"``), or a refusal naming the
    numbers that are malformed or not complaints of the office."""
    numbers = citations.citations_split(text)
    if not numbers:
        return ""

    def refuse(message: str) -> DomainError:
        return DomainError(
            SurveyErrorCode.FOLLOWUP_COMPLAINTS, message, fields={"cited_complaints": [message]}
        )

    if len(numbers) > citations.MAX_CITATIONS:
        raise refuse(_("Cite at most %(max)s complaints.") % {"max": citations.MAX_CITATIONS})
    malformed = citations.citations_malformed(numbers)
    if malformed:
        raise refuse(
            _("These are not tracking numbers: %(numbers)s. Write them like ADU-2701-ABCD-EFGH.")
            % {"numbers": ", ".join(malformed)}
        )
    unknown = citations.citations_unknown(office, numbers)
    if unknown:
        raise refuse(
            _("No complaint of this office has the tracking number %(numbers)s.")
            % {"numbers": ", ".join(unknown)}
        )
    return ", ".join(numbers)


def _clean_followup(
    *,
    office,
    element: str,
    action: str,
    quarter: str,
    person_responsible: str,
    status: str,
    cited_complaints: str = "",
) -> dict[str, str]:
    action = action.strip()
    person_responsible = person_responsible.strip()
    quarter = quarter.strip().upper()
    if element not in ikm.ELEMENTS_BY_CODE:
        raise DomainError(
            SurveyErrorCode.FOLLOWUP_ELEMENT, _("Choose one of the elements U1 to U9.")
        )
    if not action:
        raise DomainError(SurveyErrorCode.FOLLOWUP_ACTION_MISSING, _("Describe the action."))
    if len(action) > ACTION_MAX_LENGTH:
        raise DomainError(
            SurveyErrorCode.FOLLOWUP_ACTION_LONG,
            _("Describe the action in at most %(max)s characters.") % {"max": ACTION_MAX_LENGTH},
        )
    match = QUARTER_RE.match(quarter)
    if not match or int(match.group(1)) not in QUARTER_YEARS:
        raise DomainError(
            SurveyErrorCode.FOLLOWUP_QUARTER,
            _("Write the quarter as year and quarter, for example 2027-Q1."),
        )
    if not person_responsible or len(person_responsible) > PERSON_MAX_LENGTH:
        raise DomainError(
            SurveyErrorCode.FOLLOWUP_PERSON,
            _("Name the person or position responsible (at most %(max)s characters).")
            % {"max": PERSON_MAX_LENGTH},
        )
    if status not in FollowUpStatus.values:
        raise DomainError(SurveyErrorCode.FOLLOWUP_STATUS, _("Choose one of the listed statuses."))
    cited = _clean_citations(office, cited_complaints)
    return {
        "cited_complaints": cited,
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
        "cited_complaints": followup.cited_complaints,
    }


@transaction.atomic
def followup_create(
    *,
    actor: User,
    period: SurveyPeriod,
    element: str,
    action: str,
    quarter: str,
    person_responsible: str,
    status: str = FollowUpStatus.PLANNED,
    cited_complaints: str = "",
) -> FollowUpAction:
    """Add a line to the period's follow-up plan."""
    _check_followup_writer(actor, period)
    values = _clean_followup(
        office=period.office,
        cited_complaints=cited_complaints,
        element=element,
        action=action,
        quarter=quarter,
        person_responsible=person_responsible,
        status=status,
    )
    followup = FollowUpAction.objects.create(period=period, **values)
    audit_record(
        actor=actor,
        action=AuditAction.SURVEY_FOLLOWUP_CREATED,
        obj=followup,
        office=period.office,
        data=_followup_data(followup),
    )
    return followup


@transaction.atomic
def followup_update(
    *,
    actor: User,
    followup: FollowUpAction,
    element: str,
    action: str,
    quarter: str,
    person_responsible: str,
    status: str,
    cited_complaints: str = "",
) -> FollowUpAction:
    """Change a line of the plan; the audit row keeps the values before and after."""
    locked = (
        FollowUpAction.objects.select_for_update()
        .select_related("period__office")
        .filter(pk=followup.pk)
        .first()
    )
    if locked is None:
        raise NotFound(
            SurveyErrorCode.FOLLOWUP_UNKNOWN, _("This follow-up action no longer exists.")
        )
    _check_followup_writer(actor, locked.period)
    values = _clean_followup(
        office=locked.period.office,
        cited_complaints=cited_complaints,
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
        action=AuditAction.SURVEY_FOLLOWUP_UPDATED,
        obj=locked,
        office=locked.period.office,
        data={"before": before, "after": _followup_data(locked)},
    )
    return locked


@transaction.atomic
def followup_delete(*, actor: User, followup: FollowUpAction) -> None:
    """Remove a line of the plan; the audit row keeps what it said."""
    locked = (
        FollowUpAction.objects.select_for_update()
        .select_related("period__office")
        .filter(pk=followup.pk)
        .first()
    )
    if locked is None:
        raise NotFound(
            SurveyErrorCode.FOLLOWUP_UNKNOWN, _("This follow-up action no longer exists.")
        )
    _check_followup_writer(actor, locked.period)
    data = _followup_data(locked)
    audit_record(
        actor=actor,
        action=AuditAction.SURVEY_FOLLOWUP_DELETED,
        obj=locked,
        office=locked.period.office,
        data=data,
    )
    locked.delete()
