"""Complaints API, mounted at /api/v1/complaints.

Public (no token): ``complaint_submit`` (send an ``Idempotency-Key`` header: a retry with
the same complaint returns the first one), ``complaint_get`` and ``complaint_reply`` (the
number and the secret in the path; reply: confirm, reopen once, rate 1–4),
``complaint_stats_public``. Staff (token of a staff member of the office):
``staff_complaint_queue``, ``staff_complaint_verify``, ``staff_complaint_assign``,
``staff_complaint_answer``, ``staff_complaint_escalate``. The staff member a complaint
names never sees it; only the complaints officer's answers carry the identity.

Errors answer ``{"code", "message", "details"}``; field errors are ``details.fields``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from pencaker.accounts.api_auth import TokenAuth
from pencaker.accounts.models import STAFF_ROLES
from pencaker.complaints import selectors, services
from pencaker.complaints.choices import Channel, Privacy
from pencaker.complaints.errors import ComplaintErrorCode as E
from pencaker.complaints.links import complaint_secret
from pencaker.complaints.models import Complaint
from pencaker.complaints.notices import status_url
from pencaker.core.audit import client_ip
from pencaker.core.errors import DomainError, NotFound, PermissionDenied
from pencaker.offices.models import Office

router = Router(tags=["complaints"], auth=TokenAuth())


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, Any] = {}


class ComplaintIn(Schema):
    office: str = Field(..., max_length=13, description="the office's code, e.g. 33.05")
    category: str = Field(..., max_length=20)
    text: str = Field(..., max_length=5000)
    privacy: str = Field(Privacy.ANONYMOUS, max_length=20)
    name: str = Field("", max_length=150)
    contact_channel: str = Field("", max_length=10, description="email, sms, whatsapp or ''")
    contact: str = Field("", max_length=254)


class HistoryOut(Schema):
    at: dt.datetime
    status: str
    note: str


class ComplaintPublicOut(Schema):
    tracking_number: str
    secret: str
    status_url: str
    status: str
    category: str
    office: str
    received_at: dt.datetime
    verify_due_at: dt.datetime
    answer_due_at: dt.datetime | None
    extension_reason: str
    answer: str
    action_taken: str
    reopen_count: int
    rating: int | None
    history: list[HistoryOut]


class ReplyIn(Schema):
    action: str = Field(..., max_length=10, description="confirm, reopen or rate")
    reason: str = Field("", max_length=5000)
    rating: int | None = None
    comment: str = Field("", max_length=1000)


class IdentityOut(Schema):
    name: str
    contact_channel: str
    contact: str


class ComplaintStaffOut(Schema):
    id: int
    tracking_number: str
    status: str
    category: str
    channel: str
    privacy: str
    text: str
    received_at: dt.datetime
    verify_due_at: dt.datetime
    tier: str
    answer_due_at: dt.datetime | None
    assigned_unit: str
    assigned_to: int | None
    answer: str
    identity: IdentityOut | None = None


class VerifyIn(Schema):
    tier: str = Field(..., max_length=20)
    named_staff: int | None = None


class AssignIn(Schema):
    unit: str = Field("", max_length=150)
    assignee: int | None = None


class AnswerIn(Schema):
    answer: str = Field(..., max_length=5000)
    action_taken: str = Field("", max_length=5000)
    publishable: bool = False
    published_answer: str = Field("", max_length=5000)


class EscalateIn(Schema):
    note: str = Field("", max_length=2000)


class MonthOut(Schema):
    month: dt.date
    received: int
    answered: int
    answered_on_time: int
    median_working_days: float | None
    average_rating: float | None


class StatsOut(Schema):
    total: int
    months: list[MonthOut]
    by_category: dict[str, int]
    by_channel: dict[str, int]
    published_answers: list[dict[str, str]]


def _public_out(complaint: Complaint) -> dict[str, Any]:
    return {
        "tracking_number": complaint.tracking_number,
        "secret": complaint_secret(complaint),
        "status_url": status_url(complaint),
        "status": complaint.status,
        "category": complaint.category,
        "office": complaint.office.code,
        "received_at": complaint.received_at,
        "verify_due_at": complaint.verify_due_at,
        "answer_due_at": complaint.answer_due_at,
        "extension_reason": complaint.extension_reason,
        "answer": complaint.answer,
        "action_taken": complaint.action_taken,
        "reopen_count": complaint.reopen_count,
        "rating": complaint.rating,
        "history": [
            {"at": h.at, "status": h.to_status, "note": h.public_note}
            for h in complaint.history.all()
        ],
    }


def _staff_out(actor: Any, complaint: Complaint) -> dict[str, Any]:
    return {
        "id": complaint.pk,
        "tracking_number": complaint.tracking_number,
        "status": complaint.status,
        "category": complaint.category,
        "channel": complaint.channel,
        "privacy": complaint.privacy,
        "text": complaint.text,
        "received_at": complaint.received_at,
        "verify_due_at": complaint.verify_due_at,
        "tier": complaint.tier,
        "answer_due_at": complaint.answer_due_at,
        "assigned_unit": complaint.assigned_unit,
        "assigned_to": complaint.assigned_to_id,
        "answer": complaint.answer,
        "identity": selectors.complaint_identity(actor, complaint),
    }


def _staff(request) -> Any:
    actor = request.auth
    if getattr(actor, "role", None) not in STAFF_ROLES or not actor.office_id:
        raise PermissionDenied(E.FORBIDDEN, _("Only office staff can do this."))
    return actor


def _reload(actor: Any, complaint_id: int) -> Complaint:
    complaint = selectors.complaint_for_staff(actor, complaint_id)
    if complaint is None:
        raise NotFound(E.NOT_FOUND, _("This complaint was not found."))
    return complaint


@router.post(
    "/",
    auth=None,
    operation_id="complaint_submit",
    summary="Send a complaint (send an Idempotency-Key header)",
    response={200: ComplaintPublicOut, 201: ComplaintPublicOut, 400: ErrorOut, 409: ErrorOut},
)
def complaint_submit(request, payload: ComplaintIn):
    office = Office.objects.filter(code=payload.office).first()
    if office is None:
        message = _("Choose an office.")
        raise DomainError(E.INVALID_COMPLAINT, message, fields={"office": [message]})
    complaint, created = services.complaint_submit(
        actor=None,
        data=services.ComplaintInput(
            office=office,
            category=payload.category,
            text=payload.text,
            privacy=payload.privacy,
            name=payload.name,
            contact_channel=payload.contact_channel,
            contact=payload.contact,
            channel=Channel.WEB,
        ),
        idempotency_key=request.headers.get("Idempotency-Key", ""),
        ip_address=client_ip(request),
    )
    return Status(201 if created else 200, _public_out(complaint))


@router.get(
    "/track/{number}/{secret}",
    auth=None,
    operation_id="complaint_get",
    summary="The status of a complaint (number and secret)",
    response={200: ComplaintPublicOut, 404: ErrorOut},
)
def complaint_get(request, number: str, secret: str):
    complaint = services.complaint_for_complainant(number=number[:30], secret=secret[:40])
    return _public_out(complaint)


@router.post(
    "/track/{number}/{secret}/reply",
    auth=None,
    operation_id="complaint_reply",
    summary="Confirm the answer, reopen the complaint once, or rate the answer 1–4",
    response={200: ComplaintPublicOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def complaint_reply(request, number: str, secret: str, payload: ReplyIn):
    number, secret = number[:30], secret[:40]
    if payload.action == "confirm":
        complaint = services.complaint_confirm(number=number, secret=secret)
    elif payload.action == "reopen":
        complaint = services.complaint_reopen(number=number, secret=secret, reason=payload.reason)
    elif payload.action == "rate":
        complaint = services.complaint_rate(
            number=number, secret=secret, rating=payload.rating or 0, comment=payload.comment
        )
    else:
        message = _("Choose confirm, reopen or rate.")
        raise DomainError(E.INVALID_REPLY, message, fields={"action": [message]})
    return _public_out(complaint)


@router.get(
    "/stats",
    auth=None,
    operation_id="complaint_stats_public",
    summary="Public complaint statistics (no personal data)",
    response={200: StatsOut},
)
def complaint_stats_public(request, office: str = ""):
    office_row = Office.objects.filter(code=office[:13]).first() if office else None
    stats = selectors.public_stats(office=office_row)
    return {
        "total": stats.total,
        "months": [
            {
                "month": m.month,
                "received": m.received,
                "answered": m.answered,
                "answered_on_time": m.answered_on_time,
                "median_working_days": m.median_working_days,
                "average_rating": m.average_rating,
            }
            for m in stats.months
        ],
        "by_category": dict(stats.by_category),
        "by_channel": dict(stats.by_channel),
        "published_answers": selectors.published_answers(office_row),
    }


@router.get(
    "/staff/queue",
    operation_id="staff_complaint_queue",
    summary="Complaints of the caller's office (never those naming the caller)",
    response={200: list[ComplaintStaffOut], 403: ErrorOut},
)
def staff_complaint_queue(request, status: str = "open", q: str = ""):
    actor = _staff(request)
    rows = selectors.complaint_queue(actor, status=status[:20], q=q[:100])[:200]
    return [_staff_out(actor, c) for c in rows]


@router.post(
    "/staff/{int:complaint_id}/verify",
    operation_id="staff_complaint_verify",
    response={200: ComplaintStaffOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def staff_complaint_verify(request, complaint_id: int, payload: VerifyIn):
    actor = _staff(request)
    services.complaint_verify(
        actor=actor,
        complaint_id=complaint_id,
        tier=payload.tier,
        named_staff_id=payload.named_staff,
    )
    return _staff_out(actor, _reload(actor, complaint_id))


@router.post(
    "/staff/{int:complaint_id}/assign",
    operation_id="staff_complaint_assign",
    response={200: ComplaintStaffOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def staff_complaint_assign(request, complaint_id: int, payload: AssignIn):
    actor = _staff(request)
    services.complaint_assign(
        actor=actor, complaint_id=complaint_id, unit=payload.unit, assignee_id=payload.assignee
    )
    return _staff_out(actor, _reload(actor, complaint_id))


@router.post(
    "/staff/{int:complaint_id}/answer",
    operation_id="staff_complaint_answer",
    response={200: ComplaintStaffOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def staff_complaint_answer(request, complaint_id: int, payload: AnswerIn):
    actor = _staff(request)
    services.complaint_answer(actor=actor, complaint_id=complaint_id, **payload.model_dump())
    return _staff_out(actor, _reload(actor, complaint_id))


@router.post(
    "/staff/{int:complaint_id}/escalate",
    operation_id="staff_complaint_escalate",
    response={200: ComplaintStaffOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def staff_complaint_escalate(request, complaint_id: int, payload: EscalateIn):
    actor = _staff(request)
    services.complaint_escalate(actor=actor, complaint_id=complaint_id, note=payload.note)
    return _staff_out(actor, _reload(actor, complaint_id))
