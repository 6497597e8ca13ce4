"""Staff operations (token of an operator or admin dinas of an office)."""

from __future__ import annotations

from pencaker.applications import selectors, services, sla
from pencaker.applications.api._common import (
    _reload_for_staff,
    _staff,
    router,
)
from pencaker.applications.api.schemas import (
    ApplicationOut,
    NoteIn,
    QueueItemOut,
    RejectIn,
    ReturnIn,
)
from pencaker.applications.choices import ApplicationType
from pencaker.core.error_schema import ErrorOut
from pencaker.offices.selectors import office_calendar

# --- staff --------------------------------------------------------------------------------


@router.get(
    "/operator/queue",
    operation_id="operator_queue",
    summary="The office's open requests, soonest deadline first",
    response={200: list[QueueItemOut], 403: ErrorOut},
)
def operator_queue(request, status: str = "", type: str = "", mine: bool = False):
    actor = _staff(request)
    rows = selectors.application_queue_rows(
        actor.office_id,
        status=status[:20],
        type=type[:20] if type in ApplicationType.values else "",
        mine_for=actor if mine else None,
    )
    calendar = office_calendar(actor.office)
    result = []
    for a in rows:
        state = sla.sla_state(a, calendar=calendar)  # type: ignore[arg-type]
        result.append(
            {
                "id": a.id,
                "tracking_number": a.tracking_number,
                "type": a.type,
                "status": a.status,
                "applicant_name": a.applicant_name,
                "submitted_at": a.submitted_at,
                "due_at": a.due_at,
                "remaining_hours": state.remaining_hours,
                "overdue": state.overdue,
                "claimed_by": a.claimed_by_email,
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
