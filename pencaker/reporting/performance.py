"""Staff performance per operator and month (issue 16): reads only, plus the audit row of
each view.

Per operator of the office and calendar month (Asia/Jakarta dates):

- **decisions**: applications the operator approved or rejected in the month
  (``decided_by``, ``decided_at``); **rejections** are those rejected;
- **median working hours to a decision**: working time from submission to decision in the
  office's working-day calendar, the time waiting on the citizen left out (the SLA clock,
  ``applications.sla.working_time_used``); **within the SLA**: decided by ``due_at``;
- **returns**: the times the operator sent an application back for changes in the month
  (history rows to ``needs_changes``), and the reasons of their items;
- **assisted registrations**: requests the operator filed at the counter for a citizen
  (``assisted_by``), by the month they were created;
- **reissues after a data error**: approved change-of-data requests in the month whose
  holder's previous approved request was decided by this operator: the card they approved
  had to be corrected;
- **counter channel survey**: the IKM of the office's kiosk responses in the month. The
  survey is anonymous, so this is the office's figure shown beside each operator, not
  theirs;
- **complaints naming them**: complaints of the office received in the month that name the
  operator (``complaints.selectors.complaints_naming_staff``; complaints sits below
  reporting, so this is a plain read). A count only: no complainant's identity, no text;
- **other figures** from apps above reporting: ``performance_source_register`` below; each
  source adds columns.

Who sees what: an operator only their own row; the pimpinan and the admin dinas every
operator of their office. Every view (page, export, API) writes an audit row.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.accounts.models import Role, User
from pencaker.applications import sla
from pencaker.applications.choices import ApplicationType, Status
from pencaker.applications.models import Application, ApplicationStatusChange, ReturnItem
from pencaker.complaints.selectors import complaints_naming_staff
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.calendar import JAKARTA
from pencaker.core.errors import NotFound, PermissionDenied
from pencaker.offices.models import Office
from pencaker.offices.selectors import office_calendar
from pencaker.reporting.errors import ReportingErrorCode as E
from pencaker.reporting.periods import Period, month, month_start
from pencaker.surveys import ikm
from pencaker.surveys.choices import Channel
from pencaker.surveys.models import Answer

ALL_OFFICE_ROLES = frozenset({Role.PIMPINAN, Role.ADMIN_DINAS})
TREND_MONTHS = 12

# source(office, start_date, end_date_exclusive) -> {operator id: {column label: value}}
PerformanceSource = Callable[[Office, dt.date, dt.date], dict[int, dict[str, Any]]]
_SOURCES: list[PerformanceSource] = []


def performance_source_register(source: PerformanceSource) -> None:
    """Add columns to the performance figures (e.g. complaints naming an operator); an app
    above reporting registers in its ``AppConfig.ready`` (idempotent)."""
    if source not in _SOURCES:
        _SOURCES.append(source)


@dataclass
class OperatorMonth:
    operator_id: int
    operator_name: str
    month: dt.date
    decisions: int = 0
    approvals: int = 0
    rejections: int = 0
    within_sla: int = 0
    hours: list[float] = field(default_factory=list)
    returns: int = 0
    return_reasons: Counter = field(default_factory=Counter)
    assisted: int = 0
    reissues_after_error: int = 0
    complaints_naming: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def median_hours(self) -> float | None:
        return round(statistics.median(self.hours), 2) if self.hours else None

    @property
    def share_within_sla(self) -> float | None:
        return self.within_sla / self.decisions if self.decisions else None

    @property
    def return_reason_list(self) -> list[tuple[str, int]]:
        return sorted(self.return_reasons.items(), key=lambda item: (-item[1], item[0]))


@dataclass(frozen=True)
class PerformanceReport:
    office: Office
    period: Period
    rows: list[OperatorMonth]
    counter_ikm: Any  # surveys.ikm.IkmResult of the kiosk responses
    extra_columns: list[str]


def _bounds(period: Period) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(period.start, dt.time(0), tzinfo=JAKARTA)
    end = dt.datetime.combine(period.end, dt.time(0), tzinfo=JAKARTA)
    return start, end


def visible_operators(viewer: Any, office: Office) -> list[User]:
    """The operators whose figures ``viewer`` may see: their own, or the whole office."""
    if getattr(viewer, "office_id", None) != office.pk:
        return []
    if viewer.role in ALL_OFFICE_ROLES:
        return list(
            User.objects.filter(office=office, role__in=[Role.OPERATOR, Role.ADMIN_DINAS]).order_by(
                "full_name", "email"
            )
        )
    if viewer.role == Role.OPERATOR:
        return [viewer]
    return []


def operators_for(viewer: Any, operator_id: Any = None) -> list[User]:
    """``visible_operators``, narrowed to ``operator_id`` when given; refuses what the
    viewer may not see (another operator's figures answer as not found)."""
    office = getattr(viewer, "office", None)
    if office is None or getattr(viewer, "role", None) not in ALL_OFFICE_ROLES | {Role.OPERATOR}:
        raise PermissionDenied(E.PERFORMANCE_NOT_ALLOWED, _("Only the office's staff see this."))
    visible = visible_operators(viewer, office)
    if operator_id in (None, ""):
        return visible
    try:
        wanted = int(operator_id)
    except (TypeError, ValueError):
        wanted = -1
    chosen = [user for user in visible if user.pk == wanted]
    if not chosen:
        raise NotFound(E.PERFORMANCE_OPERATOR_NOT_FOUND, _("No such operator."))
    return chosen


def _name(user: User) -> str:
    return user.full_name or user.email


def staff_performance(
    *, office: Office, period: Period, operators: Iterable[User]
) -> PerformanceReport:
    """The figures of ``operators`` (already checked by ``operators_for``) in ``period``."""
    operators = list(operators)
    ids = [user.pk for user in operators]
    rows = {user.pk: OperatorMonth(user.pk, _name(user), period.start) for user in operators}
    start, end = _bounds(period)
    calendar = office_calendar(office)

    decided = Application.objects.filter(
        office=office,
        decided_by_id__in=ids,
        status__in=[Status.APPROVED, Status.REJECTED],
        decided_at__gte=start,
        decided_at__lt=end,
    ).select_related("office")
    for application in decided:
        row = rows[application.decided_by_id]
        row.decisions += 1
        if application.status == Status.REJECTED:
            row.rejections += 1
        else:
            row.approvals += 1
        if application.due_at is not None and application.decided_at <= application.due_at:
            row.within_sla += 1
        used = sla.working_time_used(application, until=application.decided_at, calendar=calendar)
        row.hours.append(used.total_seconds() / 3600)

    returned = ApplicationStatusChange.objects.filter(
        application__office=office,
        actor_id__in=ids,
        to_status=Status.NEEDS_CHANGES,
        at__gte=start,
        at__lt=end,
    )
    return_ids: dict[int, int] = {}
    for change_id, actor_id in returned.values_list("pk", "actor_id"):
        rows[actor_id].returns += 1
        return_ids[change_id] = actor_id
    for change_id, reason, label in ReturnItem.objects.filter(
        status_change_id__in=list(return_ids)
    ).values_list("status_change_id", "reason", "reason_label"):
        rows[return_ids[change_id]].return_reasons[label or reason] += 1

    for actor_id in Application.objects.filter(
        office=office, assisted_by_id__in=ids, created_at__gte=start, created_at__lt=end
    ).values_list("assisted_by_id", flat=True):
        rows[actor_id].assisted += 1

    corrections = Application.objects.filter(
        office=office,
        type=ApplicationType.DATA_CHANGE,
        status=Status.APPROVED,
        decided_at__gte=start,
        decided_at__lt=end,
    )
    for correction in corrections:
        earlier = (
            Application.objects.filter(
                applicant_id=correction.applicant_id,
                status=Status.APPROVED,
                decided_at__lt=correction.decided_at,
            )
            .exclude(pk=correction.pk)
            .order_by("-decided_at")
            .values_list("decided_by_id", flat=True)
            .first()
        )
        if earlier in rows:
            rows[earlier].reissues_after_error += 1

    for staff_id, count in complaints_naming_staff(office, period.start, period.end).items():
        if staff_id in rows:
            rows[staff_id].complaints_naming = count

    extra_columns: list[str] = []
    for source in _SOURCES:
        for operator_id, values in source(office, period.start, period.end).items():
            for label in values:
                if label not in extra_columns:
                    extra_columns.append(label)
            if operator_id in rows:
                rows[operator_id].extra.update(values)

    return PerformanceReport(
        office=office,
        period=period,
        rows=[rows[user.pk] for user in operators],
        counter_ikm=counter_channel_ikm(office, period),
        extra_columns=extra_columns,
    )


def counter_channel_ikm(office: Office, period: Period) -> ikm.IkmResult:
    """The IKM of the office's kiosk (counter) responses in the period."""
    by_response: dict[int, dict[str, list[int | None]]] = defaultdict(lambda: defaultdict(list))
    rows = Answer.objects.filter(
        response__office=office,
        response__channel=Channel.KIOSK,
        response__survey_date__gte=period.start,
        response__survey_date__lt=period.end,
    ).values_list("response_id", "element", "value")
    for response_id, element, value in rows:
        by_response[response_id][element].append(value)
    return ikm.compute(by_response.values())


def staff_performance_trend(
    *, office: Office, operators: Iterable[User], last: dt.date, months: int = TREND_MONTHS
) -> list[PerformanceReport]:
    """One report per month, the oldest first, ending with the month of ``last``."""
    operators = list(operators)
    first = month_start(last, months=-(months - 1))
    return [
        staff_performance(
            office=office,
            period=month(start.year, start.month),
            operators=operators,
        )
        for start in (month_start(first, months=n) for n in range(months))
    ]


def performance_view_record(
    *, viewer: Any, period: Period, operators: Iterable[User], channel: str, ip_address=None
) -> None:
    """The audit row of a view of the figures (page, XLSX or API)."""
    audit_record(
        actor=viewer,
        action=AuditAction.STAFF_PERFORMANCE_VIEWED,
        office=viewer.office,
        ip_address=ip_address,
        data={
            "period": period.code,
            "operators": [user.pk for user in operators],
            "channel": channel,
        },
    )


def current_month() -> dt.date:
    return timezone.localdate().replace(day=1)


__all__ = [
    "OperatorMonth",
    "PerformanceReport",
    "counter_channel_ikm",
    "operators_for",
    "performance_source_register",
    "performance_view_record",
    "staff_performance",
    "staff_performance_trend",
]
