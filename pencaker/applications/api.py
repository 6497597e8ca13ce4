"""AK/1 applications API, mounted at /api/v1/applications.

Applicant operations (job-seeker token): ``application_checklist``, ``application_submit``,
``application_list_mine``, ``application_get``, ``application_withdraw``,
``application_resubmit``. Staff operations (token of an operator or admin dinas who belongs
to an office): ``operator_queue``, ``application_claim``, ``application_release``,
``application_approve``, ``application_return``, ``application_reject``.

Staff tokens come only from ``auth_login``, which for staff demands the current TOTP code,
so every staff token was issued after two-factor verification (ADR 0006). Errors answer
``{"code", "message", "details"}`` with the status of the ``DomainError``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from pencaker.accounts.api_auth import TokenAuth
from pencaker.accounts.models import STAFF_ROLES, Role
from pencaker.applications import intake, selectors, services, sla
from pencaker.applications.choices import ApplicationType
from pencaker.applications.choices import Status as AppStatus
from pencaker.applications.errors import ApplicationErrorCode
from pencaker.applications.models import Application
from pencaker.core.audit import client_ip
from pencaker.core.error_schema import ErrorOut
from pencaker.core.errors import DomainError, PermissionDenied

router = Router(tags=["applications"], auth=TokenAuth())

IDEMPOTENCY_HEADER = {
    "parameters": [
        {
            "name": "Idempotency-Key",
            "in": "header",
            "required": True,
            "description": (
                "A fresh random value per request (e.g. a UUID). A retry with the same key "
                "returns the application created the first time (200) instead of a new one."
            ),
            "schema": {"type": "string", "maxLength": 100},
        }
    ]
}


class MissingItemOut(Schema):
    code: str
    label: str
    url: str


class ChecklistOut(Schema):
    is_complete: bool
    missing: list[MissingItemOut]


class SubmitIn(Schema):
    type: str = Field(ApplicationType.NEW, description="new, renewal, data_change, replacement")


class ReturnItemOut(Schema):
    item: str
    label: str
    reason: str
    reason_label: str
    text: str
    fix_url: str


class TimelineOut(Schema):
    from_status: str
    to_status: str
    at: datetime
    note: str


class SlaOut(Schema):
    due_at: datetime | None
    remaining_hours: float | None
    overdue: bool
    paused: bool


class StaffDetailsOut(Schema):
    """Only in answers to staff: the frozen data the operator reviews."""

    applicant_name: str
    claimed_by: str | None
    snapshot: dict[str, Any]
    documents: list[dict[str, Any]]
    nik_warnings: list[str]


class ApplicationOut(Schema):
    id: int
    tracking_number: str
    type: str
    type_label: str
    status: str
    status_label: str
    office_code: str
    office_name: str
    assisted: bool
    submitted_at: datetime | None
    due_at: datetime | None
    decided_at: datetime | None
    reject_reason: str
    decision_note: str
    return_items: list[ReturnItemOut]
    timeline: list[TimelineOut]
    sla: SlaOut
    staff: StaffDetailsOut | None = None


class QueueItemOut(Schema):
    id: int
    tracking_number: str
    type: str
    status: str
    applicant_name: str
    submitted_at: datetime | None
    due_at: datetime | None
    remaining_hours: float | None
    overdue: bool
    claimed_by: str | None


class NoteIn(Schema):
    note: str = Field("", max_length=2000)


class ReturnItemIn(Schema):
    item: str = Field(..., max_length=40, description="e.g. document:photo, identity, address")
    reason: str = Field(..., max_length=40)
    text: str = Field("", max_length=500)


class ReturnIn(Schema):
    items: list[ReturnItemIn] = Field(..., max_length=50)
    note: str = Field("", max_length=2000)


class RejectIn(Schema):
    reason: str = Field(..., max_length=20)
    note: str = Field("", max_length=2000)


# --- helpers ------------------------------------------------------------------------------


def _seeker(request) -> Any:
    user = request.auth
    if user.role != Role.JOB_SEEKER:
        raise PermissionDenied(
            ApplicationErrorCode.FORBIDDEN, _("Only job seekers can request an AK/1 card.")
        )
    return user


def _staff(request) -> Any:
    """Staff of an office, for the reads (the services check who may decide)."""
    user = request.auth
    if user.role not in STAFF_ROLES or not user.office_id:
        raise PermissionDenied(
            ApplicationErrorCode.FORBIDDEN, _("Only office operators can do this.")
        )
    return user


def _application_out(application: Application) -> dict[str, Any]:
    state = sla.sla_state(application)
    return_items = (
        selectors.application_return_items(application)
        if application.status == AppStatus.NEEDS_CHANGES
        else []
    )
    return {
        "id": application.pk,
        "tracking_number": application.tracking_number,
        "type": application.type,
        "type_label": str(application.get_type_display()),
        "status": application.status,
        "status_label": str(application.get_status_display()),
        "office_code": application.office.code,
        "office_name": application.office.name,
        "assisted": application.assisted_by_id is not None,
        "submitted_at": application.submitted_at,
        "due_at": application.due_at,
        "decided_at": application.decided_at,
        "reject_reason": application.reject_reason,
        "decision_note": application.decision_note,
        "return_items": [
            {
                "item": r.code,
                "label": r.label,
                "reason": r.reason,
                "reason_label": r.reason_label,
                "text": r.text,
                "fix_url": r.fix_url,
            }
            for r in return_items
        ],
        "timeline": [
            {"from_status": c.from_status, "to_status": c.to_status, "at": c.at, "note": c.note}
            for c in selectors.application_timeline(application)
        ],
        "sla": {
            "due_at": state.due_at,
            "remaining_hours": state.remaining_hours,
            "overdue": state.overdue,
            "paused": state.paused,
        },
    }


def _staff_out(application: Application) -> dict[str, Any]:
    profile = application.snapshot.get("profile") or {}
    return {
        **_application_out(application),
        "staff": {
            "applicant_name": profile.get("full_name") or application.applicant.full_name,
            "claimed_by": application.claimed_by.email if application.claimed_by else None,
            "snapshot": application.snapshot,
            "documents": application.documents,
            "nik_warnings": selectors.application_nik_warnings(application),
        },
    }


def _reload_for_staff(actor: Any, application: Application) -> dict[str, Any]:
    return _staff_out(selectors.application_for_staff(actor, application.pk))


# --- applicant ----------------------------------------------------------------------------


@router.get(
    "/checklist",
    operation_id="application_checklist",
    summary="What is still missing before the caller can submit, each with a link to fix it",
    response={200: ChecklistOut, 403: ErrorOut},
)
def application_checklist(request):
    checklist = intake.applicant_checklist(_seeker(request))
    return {
        "is_complete": checklist.is_complete,
        "missing": checklist.as_details()["missing"],
    }


@router.post(
    "/",
    operation_id="application_submit",
    summary="Submit an AK/1 request (idempotent with the Idempotency-Key header)",
    description=(
        "201 with the new application, or 200 with the same application when the key was "
        "used before. The answer is sent only after the application is committed. "
        "400 `checklist_incomplete` lists what is missing in `details.missing`."
    ),
    response={
        200: ApplicationOut,
        201: ApplicationOut,
        400: ErrorOut,
        403: ErrorOut,
        409: ErrorOut,
    },
    openapi_extra=IDEMPOTENCY_HEADER,
)
def application_submit(request, payload: SubmitIn):
    user = _seeker(request)
    key = (request.headers.get("Idempotency-Key") or "").strip()
    if not key:
        raise DomainError(
            ApplicationErrorCode.IDEMPOTENCY_KEY_REQUIRED,
            _("Send an Idempotency-Key header with a new random value for each request."),
        )
    # The service commits its own transaction before it returns (no ATOMIC_REQUESTS), so
    # the answer below never reports an application that could still be rolled back.
    application, created = services.application_submit(
        actor=user, type=payload.type, idempotency_key=key, ip_address=client_ip(request)
    )
    return Status(201 if created else 200, _application_out(application))


@router.get(
    "/mine",
    operation_id="application_list_mine",
    summary="The caller's AK/1 requests, newest first",
    response={200: list[ApplicationOut], 403: ErrorOut},
)
def application_list_mine(request):
    user = _seeker(request)
    return [_application_out(a) for a in selectors.applications_of(user)[:50]]


@router.get(
    "/{tracking_number}",
    operation_id="application_get",
    summary="One request by tracking number (the applicant's own, or staff of its office)",
    response={200: ApplicationOut, 404: ErrorOut},
)
def application_get(request, tracking_number: str):
    user = request.auth
    if user.role in STAFF_ROLES:
        return _staff_out(selectors.application_by_number_for_staff(user, tracking_number))
    return _application_out(selectors.application_for_applicant(user, tracking_number[:20]))


@router.post(
    "/{tracking_number}/withdraw",
    operation_id="application_withdraw",
    summary="Withdraw a submitted or returned request",
    response={200: ApplicationOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def application_withdraw(request, tracking_number: str, payload: NoteIn | None = None):
    user = _seeker(request)
    application = selectors.application_for_applicant(user, tracking_number[:20])
    application = services.application_withdraw(
        actor=user, application_id=application.pk, note=payload.note if payload else ""
    )
    return _application_out(application)


@router.post(
    "/{tracking_number}/resubmit",
    operation_id="application_resubmit",
    summary="Send a returned request again after fixing the items",
    response={200: ApplicationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def application_resubmit(request, tracking_number: str):
    user = _seeker(request)
    application = selectors.application_for_applicant(user, tracking_number[:20])
    application = services.application_resubmit(
        actor=user, application_id=application.pk, ip_address=client_ip(request)
    )
    return _application_out(application)


# --- staff --------------------------------------------------------------------------------


@router.get(
    "/operator/queue",
    operation_id="operator_queue",
    summary="The office's open requests, soonest deadline first",
    response={200: list[QueueItemOut], 403: ErrorOut},
)
def operator_queue(request, status: str = "", type: str = "", mine: bool = False):
    actor = _staff(request)
    rows = selectors.application_queue_for_office(
        actor.office_id,
        status=status[:20],
        type=type[:20] if type in ApplicationType.values else "",
        mine_for=actor if mine else None,
    )[:200]
    calendar = sla.office_calendar(actor.office)
    result = []
    for a in rows:
        state = sla.sla_state(a, calendar=calendar)
        result.append(
            {
                "id": a.pk,
                "tracking_number": a.tracking_number,
                "type": a.type,
                "status": a.status,
                "applicant_name": (a.snapshot.get("profile") or {}).get("full_name")
                or a.applicant.full_name,
                "submitted_at": a.submitted_at,
                "due_at": a.due_at,
                "remaining_hours": state.remaining_hours,
                "overdue": state.overdue,
                "claimed_by": a.claimed_by.email if a.claimed_by else None,
            }
        )
    return result


@router.post(
    "/operator/{application_id}/claim",
    operation_id="operator_claim",
    summary="Take a request to check it (locked to the caller)",
    response={200: ApplicationOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def application_claim(request, application_id: int):
    actor = request.auth  # the service refuses anyone who may not decide
    application = services.application_claim(actor=actor, application_id=application_id)
    return _reload_for_staff(actor, application)


@router.post(
    "/operator/{application_id}/release",
    operation_id="operator_release",
    summary="Put a claimed request back in the queue",
    response={200: ApplicationOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def application_release(request, application_id: int, payload: NoteIn | None = None):
    actor = request.auth  # the service refuses anyone who may not decide
    application = services.application_release(
        actor=actor, application_id=application_id, note=payload.note if payload else ""
    )
    return _reload_for_staff(actor, application)


@router.post(
    "/operator/{application_id}/approve",
    operation_id="operator_approve",
    summary="Approve a request the caller is checking",
    response={200: ApplicationOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def application_approve(request, application_id: int, payload: NoteIn | None = None):
    actor = request.auth  # the service refuses anyone who may not decide
    application = services.application_approve(
        actor=actor, application_id=application_id, note=payload.note if payload else ""
    )
    return _reload_for_staff(actor, application)


@router.post(
    "/operator/{application_id}/return",
    operation_id="operator_return",
    summary="Return a request for changes with one or more (item, reason) pairs",
    response={200: ApplicationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def application_return(request, application_id: int, payload: ReturnIn):
    actor = request.auth  # the service refuses anyone who may not decide
    application = services.application_return(
        actor=actor,
        application_id=application_id,
        items=[services.ReturnItemInput(i.item, i.reason, i.text) for i in payload.items],
        note=payload.note,
    )
    return _reload_for_staff(actor, application)


@router.post(
    "/operator/{application_id}/reject",
    operation_id="operator_reject",
    summary="Reject a request with a reason",
    response={200: ApplicationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def application_reject(request, application_id: int, payload: RejectIn):
    actor = request.auth  # the service refuses anyone who may not decide
    application = services.application_reject(
        actor=actor, application_id=application_id, reason=payload.reason, note=payload.note
    )
    return _reload_for_staff(actor, application)
