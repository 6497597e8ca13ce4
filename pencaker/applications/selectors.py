"""Reads for AK/1 applications, with office filtering for staff."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from typing import Any

from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.accounts.models import User
from pencaker.applications import intake, sla
from pencaker.applications.choices import (
    DECIDED_STATUSES,
    OPEN_STATUSES,
    ApplicationType,
    Status,
)
from pencaker.applications.errors import ApplicationErrorCode
from pencaker.applications.models import Application, ApplicationStatusChange, ReturnItem
from pencaker.core.errors import DomainError, NotFound
from pencaker.lifecycle.selectors import TimelineEntry
from pencaker.offices.models import Office
from pencaker.offices.selectors import office_calendar
from pencaker.regions.nik import parse_nik

QUEUE_STATUSES = (Status.SUBMITTED, Status.IN_REVIEW)


def _not_found() -> NotFound:
    return NotFound(ApplicationErrorCode.NOT_FOUND, _("This application was not found."))


def applications_of(user: User) -> QuerySet[Application]:
    return Application.objects.filter(applicant=user).select_related("office")


def application_open_for(user: User) -> Application | None:
    return applications_of(user).filter(status__in=OPEN_STATUSES).first()


def application_for_applicant(user: User, tracking_number: str) -> Application:
    application = applications_of(user).filter(tracking_number=tracking_number).first()
    if application is None:
        raise _not_found()
    return application


def application_for_staff(actor: User, application_id: Any) -> Application:
    try:
        pk = int(application_id)
    except (TypeError, ValueError):
        raise _not_found() from None
    application = (
        Application.objects.select_related("office", "applicant", "claimed_by")
        .filter(pk=pk, office_id=getattr(actor, "office_id", None) or 0)
        .first()
    )
    if application is None or not getattr(actor, "office_id", None):
        raise _not_found()
    return application


def application_by_number_for_staff(actor: User, tracking_number: str) -> Application:
    """One application of the staff member's own office, by tracking number (else 404)."""
    office_id = getattr(actor, "office_id", None)
    application = (
        Application.objects.select_related("office", "applicant", "claimed_by")
        .filter(tracking_number=str(tracking_number)[:20], office_id=office_id)
        .first()
        if office_id
        else None
    )
    if application is None:
        raise _not_found()
    return application


def application_queue_for_office(
    office_id: int, *, status: str = "", type: str = "", mine_for: Any = None
) -> QuerySet[Application]:
    """The operator queue: open applications of the office, soonest deadline first."""
    qs = Application.objects.filter(office_id=office_id).select_related("applicant", "claimed_by")
    if status in Status.values:
        qs = qs.filter(status=status)
    else:
        qs = qs.filter(status__in=QUEUE_STATUSES)
    if type:
        qs = qs.filter(type=type)
    if mine_for is not None:
        qs = qs.filter(claimed_by=mine_for)
    return qs.order_by("due_at", "id")


@dataclass(frozen=True)
class QueueRow:
    """One line of the operator queue as the API lists it: the columns it shows and the
    ones the SLA clock needs (``sla.sla_state`` reads ``due_at``, ``decided_at`` and
    ``sla_pauses``), without the frozen snapshot and documents of each request."""

    id: int
    tracking_number: str
    type: str
    status: str
    submitted_at: dt.datetime | None
    due_at: dt.datetime | None
    decided_at: dt.datetime | None
    sla_pauses: list
    applicant_name: str
    claimed_by_email: str | None

    @property
    def pk(self) -> int:
        return self.id


def application_queue_rows(
    office_id: int,
    *,
    status: str = "",
    type: str = "",
    mine_for: Any = None,
    limit: int = 200,
) -> list[QueueRow]:
    """The first ``limit`` lines of ``application_queue_for_office`` in one query of only
    the columns shown (issue 18: reading whole rows, snapshots included, made the queue
    the slowest read of an operator's day). The name is the one frozen at submission,
    else the account's."""
    rows = application_queue_for_office(
        office_id, status=status, type=type, mine_for=mine_for
    ).values_list(
        "id",
        "tracking_number",
        "type",
        "status",
        "submitted_at",
        "due_at",
        "decided_at",
        "sla_pauses",
        "snapshot__profile__full_name",
        "applicant__full_name",
        "claimed_by__email",
    )[:limit]
    return [
        QueueRow(*row[:8], applicant_name=row[8] or row[9] or "", claimed_by_email=row[10])
        for row in rows
    ]


def application_timeline(application: Application) -> list[ApplicationStatusChange]:
    return list(application.history.select_related("actor").prefetch_related("return_items"))


@dataclass(frozen=True)
class ReturnItemView:
    code: str
    label: str
    reason: str
    reason_label: str
    text: str
    fix_url: str


def application_return_items(application: Application) -> list[ReturnItemView]:
    """The items of the latest return (what the applicant must fix now)."""
    latest = (
        ApplicationStatusChange.objects.filter(
            application=application, to_status=Status.NEEDS_CHANGES
        )
        .order_by("-at", "-id")
        .first()
    )
    if latest is None:
        return []
    rows = ReturnItem.objects.filter(status_change=latest).order_by("id")
    return [
        ReturnItemView(
            code=r.item,
            label=intake.item_label(r.item),
            reason=r.reason,
            reason_label=r.reason_display,
            text=r.text,
            fix_url=intake.item_fix_url(r.item),
        )
        for r in rows
    ]


def application_duplicate_nik(application: Application) -> list[Application]:
    """Other applications whose frozen profile carries the same NIK (fraud warning)."""
    nik = (application.snapshot.get("profile") or {}).get("nik") or ""
    if not nik:
        return []
    return list(
        Application.objects.filter(snapshot__profile__nik=nik)
        .exclude(applicant=application.applicant)
        .select_related("office")[:10]
    )


@dataclass(frozen=True)
class MonthStats:
    month: dt.date
    decided: int
    within_sla: int
    median_hours: float | None

    @property
    def share_within_sla(self) -> float | None:
        return self.within_sla / self.decided if self.decided else None


def application_sla_by_month(office: Office, *, months: int = 12) -> list[MonthStats]:
    """Per month of decision: how many were decided within the SLA and the median working
    time to decision (pauses left out)."""
    calendar = office_calendar(office)
    since = (timezone.now() - dt.timedelta(days=31 * months)).replace(day=1)
    rows = Application.objects.filter(
        office=office, status__in=DECIDED_STATUSES, decided_at__gte=since
    ).order_by("decided_at")
    buckets: dict[dt.date, list[Application]] = {}
    for app in rows:
        # The month in the office's time zone (ADR 0031).
        key = timezone.localtime(app.decided_at, office.tz).date().replace(day=1)
        buckets.setdefault(key, []).append(app)
    result = []
    for month, apps in sorted(buckets.items(), reverse=True):
        decided = [(a, a.decided_at) for a in apps if a.decided_at is not None]
        hours = [
            sla.working_time_used(a, until=at, calendar=calendar).total_seconds() / 3600
            for a, at in decided
        ]
        within = sum(1 for a, at in decided if a.due_at is not None and at <= a.due_at)
        result.append(
            MonthStats(month, len(apps), within, statistics.median(hours) if hours else None)
        )
    return result


def application_nik_warnings(application: Application) -> list[str]:
    """NIK consistency with the frozen profile: date of birth and sex inside the NIK."""
    profile = application.snapshot.get("profile") or {}
    nik = profile.get("nik") or ""
    if not nik:
        return [_("The applicant has not filled in a NIK.")]
    try:
        parsed = parse_nik(nik)
    except DomainError:
        return [_("The NIK is not valid.")]
    warnings = []
    birth = profile.get("birth_date")
    parsed_birth = getattr(parsed, "birth_date", None)
    if birth and parsed_birth and str(parsed_birth) != str(birth):
        warnings.append(_("The date of birth in the NIK differs from the profile."))
    sex = profile.get("sex")
    parsed_sex = getattr(parsed, "sex", None)
    if sex and parsed_sex and str(parsed_sex)[:1].upper() != str(sex)[:1].upper():
        warnings.append(_("The sex in the NIK differs from the profile."))
    return warnings


def renewal_requests_timeline(holder: User) -> list[TimelineEntry]:
    """The holder's renewal requests for the lifecycle timeline (registered in
    ``apps.ApplicationsConfig.ready`` with ``lifecycle.selectors.timeline_source_register``)."""
    rows = []
    for application in Application.objects.filter(
        applicant=holder, type=ApplicationType.RENEWAL
    ).exclude(submitted_at__isnull=True):
        if application.submitted_at is None:
            continue
        rows.append(
            TimelineEntry(
                timezone.localdate(application.submitted_at),
                "renewal_requested",
                _("Renewal requested"),
                f"{application.tracking_number} · {application.get_status_display()}",
            )
        )
    return rows


def application_sla_counts(office: Office, *, start: dt.date, end: dt.date) -> tuple[int, int]:
    """(decided, decided within the SLA) of the office's applications decided from ``start``
    to before ``end``, dates in the office's time zone (ADR 0031). Counts only."""
    tz = office.tz
    low = dt.datetime.combine(start, dt.time(0), tzinfo=tz)
    high = dt.datetime.combine(end, dt.time(0), tzinfo=tz)
    rows = Application.objects.filter(
        office=office, status__in=DECIDED_STATUSES, decided_at__gte=low, decided_at__lt=high
    )
    decided = rows.count()
    within = rows.filter(due_at__isnull=False, decided_at__lte=F("due_at")).count()
    return decided, within
