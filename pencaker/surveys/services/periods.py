"""Survey periods (a named date range of an office) and their publication."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.accounts.models import User
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import Conflict, DomainError
from pencaker.offices.models import Office
from pencaker.surveys.errors import SurveyErrorCode
from pencaker.surveys.models import (
    SurveyPeriod,
)


@transaction.atomic
def period_create(
    *,
    actor: User,
    office: Office,
    name: str,
    start_date: dt.date,
    end_date: dt.date,
    target_population: int = 0,
) -> SurveyPeriod:
    if end_date < start_date:
        raise DomainError(
            SurveyErrorCode.PERIOD_DATES, _("The last day must not be before the first day.")
        )
    if SurveyPeriod.objects.filter(office=office, name=name).exists():
        raise Conflict(
            SurveyErrorCode.PERIOD_NAME_TAKEN, _("This office already has a period with this name.")
        )
    period = SurveyPeriod.objects.create(
        office=office,
        name=name,
        start_date=start_date,
        end_date=end_date,
        target_population=target_population,
    )
    audit_record(actor=actor, action=AuditAction.SURVEY_PERIOD_CREATED, obj=period, office=office)
    return period


@transaction.atomic
def period_publish(*, actor: User, period: SurveyPeriod, publish: bool) -> SurveyPeriod:
    period = SurveyPeriod.objects.select_for_update().get(pk=period.pk)
    period.published_at = timezone.now() if publish else None
    period.save(update_fields=["published_at"])
    audit_record(
        actor=actor,
        action=AuditAction.SURVEY_PERIOD_PUBLISHED
        if publish
        else AuditAction.SURVEY_PERIOD_UNPUBLISHED,
        obj=period,
        office=period.office,
    )
    return period
