"""Reads of complaints: what staff may see (never a complaint naming them), what the
complaints officer alone sees (the identity), the public statistics and the export."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from pencaker.accounts.models import STAFF_ROLES, Role, User
from pencaker.complaints.choices import (
    OPEN_STATUSES,
    Category,
    Channel,
    DeclineReason,
    Status,
)
from pencaker.complaints.models import Complaint
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.calendar import JAKARTA


def complaints_for_staff(actor: Any) -> QuerySet[Complaint]:
    """Complaints of the actor's office, except those naming the actor (for every page,
    API answer, search and export staff see)."""
    if getattr(actor, "role", None) not in STAFF_ROLES or not getattr(actor, "office_id", None):
        return Complaint.objects.none()
    return (
        Complaint.objects.filter(office_id=actor.office_id)
        .exclude(named_staff_id=actor.pk)
        .select_related("office", "assigned_to")
    )


def complaint_queue(
    actor: Any, *, status: str = "", q: str = "", category: str = ""
) -> QuerySet[Complaint]:
    """The staff queue with its filters; ``q`` searches the number and the text."""
    rows = complaints_for_staff(actor)
    if status == "open":
        rows = rows.filter(status__in=OPEN_STATUSES)
    elif status in Status.values:
        rows = rows.filter(status=status)
    if category in Category.values:
        rows = rows.filter(category=category)
    q = (q or "").strip()
    if q:
        rows = rows.filter(Q(tracking_number__icontains=q) | Q(text__icontains=q))
    return rows.order_by("received_at", "id")


def complaint_for_staff(actor: Any, complaint_id: Any) -> Complaint | None:
    try:
        return complaints_for_staff(actor).filter(pk=int(complaint_id)).first()
    except (TypeError, ValueError):
        return None


def complaints_naming_staff(office: Any, start: dt.date, end: dt.date) -> dict[int, int]:
    """Per staff member of ``office``: the complaints received from ``start`` to before
    ``end`` (Asia/Jakarta dates) that name them, for the staff performance figures. Counts
    only, never an identity; a complaint declined as a duplicate is not counted twice."""
    start_at = dt.datetime.combine(start, dt.time(0), tzinfo=JAKARTA)
    end_at = dt.datetime.combine(end, dt.time(0), tzinfo=JAKARTA)
    rows = (
        Complaint.objects.filter(
            office=office,
            named_staff__isnull=False,
            received_at__gte=start_at,
            received_at__lt=end_at,
        )
        .exclude(status=Status.DECLINED, decline_reason=DeclineReason.DUPLICATE)
        .values("named_staff_id")
        .annotate(n=Count("id"))
    )
    return {row["named_staff_id"]: row["n"] for row in rows}


def complaints_by_number(office: Any, numbers: list[str]) -> dict[str, Complaint]:
    """The complaints of ``office`` with these tracking numbers (upper case), by number."""
    wanted = [number.strip().upper() for number in numbers if number.strip()]
    if not wanted:
        return {}
    rows = Complaint.objects.filter(office=office, tracking_number__in=wanted)
    return {complaint.tracking_number: complaint for complaint in rows}


def can_see_identity(actor: Any) -> bool:
    """Only the complaints officer sees a complainant's name and contact."""
    return getattr(actor, "role", None) == Role.COMPLAINTS_OFFICER


def complaint_identity(actor: Any, complaint: Complaint) -> dict[str, str] | None:
    """The name and contact for the complaints officer (the read is audited); ``None`` for
    everyone else."""
    if not can_see_identity(actor) or complaint.named_staff_id == actor.pk:
        return None
    if complaint.name or complaint.contact:
        audit_record(
            actor=actor,
            action=AuditAction.COMPLAINT_IDENTITY_VIEWED,
            obj=complaint,
            office=complaint.office,
        )
    return {
        "name": complaint.name,
        "contact_channel": complaint.contact_channel,
        "contact": complaint.contact,
    }


def assignable_staff(complaint: Complaint) -> QuerySet[User]:
    """Who the complaint may be given to: active staff of its office but the one named."""
    return (
        User.objects.filter(office_id=complaint.office_id, role__in=STAFF_ROLES, is_active=True)
        .exclude(pk=complaint.named_staff_id or 0)
        .order_by("full_name", "email")
    )


def office_staff(office_id: int) -> QuerySet[User]:
    return User.objects.filter(office_id=office_id, role__in=STAFF_ROLES).order_by(
        "full_name", "email"
    )


def pimpinan_dashboard(actor: Any, *, now: dt.datetime | None = None) -> dict[str, Any]:
    """Escalated complaints and open ones past their deadline, for the head of office."""
    now = now or timezone.now()
    rows = complaints_for_staff(actor)
    overdue = rows.filter(
        Q(status=Status.RECEIVED, verify_due_at__lt=now)
        | Q(status__in=OPEN_STATUSES, answer_due_at__lt=now)
    )
    return {
        "escalated": list(rows.filter(status=Status.ESCALATED).order_by("escalated_at")),
        "overdue": list(overdue.exclude(status=Status.ESCALATED).order_by("received_at")),
        "open_count": rows.filter(status__in=OPEN_STATUSES).count(),
    }


# --- public statistics ------------------------------------------------------------------
@dataclass
class MonthStats:
    month: dt.date
    received: int = 0
    answered: int = 0
    answered_on_time: int = 0
    median_working_days: float | None = None
    average_rating: float | None = None
    ratings: int = 0


@dataclass
class PublicStats:
    months: list[MonthStats] = field(default_factory=list)
    by_category: list[tuple[str, int]] = field(default_factory=list)
    by_channel: list[tuple[str, int]] = field(default_factory=list)
    published: list[Complaint] = field(default_factory=list)
    total: int = 0


def public_stats(
    *, office: Any = None, start: dt.date | None = None, end: dt.date | None = None
) -> PublicStats:
    """Counts only: no text, no names, no numbers of complaints (the published answers are
    the anonymised text staff wrote for publication)."""
    rows = Complaint.objects.all()
    if office is not None:
        rows = rows.filter(office=office)
    if start is not None:
        rows = rows.filter(received_at__date__gte=start)
    if end is not None:
        rows = rows.filter(received_at__date__lte=end)
    months: dict[dt.date, MonthStats] = {}
    per_month = (
        rows.annotate(m=TruncMonth("received_at"))
        .values("m")
        .annotate(
            received=Count("id"),
            answered=Count("id", filter=Q(answered_at__isnull=False)),
            on_time=Count("id", filter=Q(answered_on_time=True)),
            avg_rating=Avg("rating"),
            ratings=Count("rating"),
        )
        .order_by("m")
    )
    for row in per_month:
        month = row["m"].date() if isinstance(row["m"], dt.datetime) else row["m"]
        months[month] = MonthStats(
            month=month,
            received=row["received"],
            answered=row["answered"],
            answered_on_time=row["on_time"],
            average_rating=round(row["avg_rating"], 2) if row["avg_rating"] else None,
            ratings=row["ratings"],
        )
    days_by_month: dict[dt.date, list[float]] = {}
    for received_at, days in rows.filter(answer_working_days__isnull=False).values_list(
        "received_at", "answer_working_days"
    ):
        if days is None:  # excluded by the filter; keeps the type checker informed
            continue
        local = timezone.localtime(received_at).date().replace(day=1)
        days_by_month.setdefault(local, []).append(days)
    for month, values in days_by_month.items():
        for key in list(months):
            if key.replace(day=1) == month:
                months[key].median_working_days = round(statistics.median(values), 1)
    category_labels = dict(Category.choices)
    channel_labels = dict(Channel.choices)
    by_category = [
        (str(category_labels.get(r["category"], r["category"])), r["n"])
        for r in rows.values("category").annotate(n=Count("id")).order_by("-n", "category")
    ]
    by_channel = [
        (str(channel_labels.get(r["channel"], r["channel"])), r["n"])
        for r in rows.values("channel").annotate(n=Count("id")).order_by("-n", "channel")
    ]
    published = list(
        rows.filter(publishable=True, answered_at__isnull=False)
        .exclude(published_answer="")
        .order_by("-answered_at")[:20]
    )
    return PublicStats(
        months=list(months.values()),
        by_category=by_category,
        by_channel=by_channel,
        published=published,
        total=rows.count(),
    )


def published_answers(office: Any = None) -> list[dict[str, str]]:
    """Anonymised answers staff chose to publish (for the office's FAQ, issue 17)."""
    rows = Complaint.objects.filter(publishable=True, answered_at__isnull=False).exclude(
        published_answer=""
    )
    if office is not None:
        rows = rows.filter(office=office)
    labels = dict(Category.choices)
    return [
        {"category": str(labels.get(c.category, c.category)), "answer": c.published_answer}
        for c in rows.order_by("-answered_at")
    ]


# --- export (SP4N-LAPOR!) ---------------------------------------------------------------
#: The columns of the export, documented in docs/complaints-export.md. No identity, no
#: contact, no staff names: a confidential complainant never leaves the officer's view.
EXPORT_FIELDS = (
    "tracking_number",
    "office_code",
    "received_at",
    "channel",
    "category",
    "status",
    "text",
    "tier",
    "verify_due_at",
    "answer_due_at",
    "answered_at",
    "answered_on_time",
    "answer",
    "action_taken",
    "decline_reason",
    "decline_note",
    "rating",
)


def _iso(value: Any) -> str:
    return value.isoformat() if value else ""


def complaint_export_row(complaint: Complaint) -> dict[str, Any]:
    return {
        "tracking_number": complaint.tracking_number,
        "office_code": complaint.office.code,
        "received_at": _iso(complaint.received_at),
        "channel": complaint.channel,
        "category": complaint.category,
        "status": complaint.status,
        "text": complaint.text,
        "tier": complaint.tier,
        "verify_due_at": _iso(complaint.verify_due_at),
        "answer_due_at": _iso(complaint.answer_due_at),
        "answered_at": _iso(complaint.answered_at),
        "answered_on_time": complaint.answered_on_time,
        "answer": complaint.answer,
        "action_taken": complaint.action_taken,
        "decline_reason": complaint.decline_reason,
        "decline_note": complaint.decline_note,
        "rating": complaint.rating,
    }


def complaint_export_rows(actor: Any) -> list[dict[str, Any]]:
    return [complaint_export_row(c) for c in complaints_for_staff(actor).order_by("received_at")]


def complaint_month_counts(office: Any, *, start: dt.date, end: dt.date) -> dict[str, int]:
    """Counts of the office's complaints received from ``start`` to before ``end`` (dates
    in the office's time zone, ADR 0031): received, answered, answered on time. Numbers
    only, for the province's dashboard."""
    tz = office.tz
    rows = Complaint.objects.filter(
        office=office,
        received_at__gte=dt.datetime.combine(start, dt.time(0), tzinfo=tz),
        received_at__lt=dt.datetime.combine(end, dt.time(0), tzinfo=tz),
    )
    counts = rows.aggregate(
        received=Count("id"),
        answered=Count("id", filter=Q(answered_at__isnull=False)),
        on_time=Count("id", filter=Q(answered_on_time=True)),
    )
    return {key: int(value or 0) for key, value in counts.items()}
