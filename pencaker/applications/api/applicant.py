"""Applicant operations (job-seeker token)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Status

from pencaker.accounts.models import STAFF_ROLES
from pencaker.applications import intake, selectors, services
from pencaker.applications.api._common import (
    _application_out,
    _seeker,
    _staff_out,
    router,
)
from pencaker.applications.api.schemas import (
    IDEMPOTENCY_HEADER,
    ApplicationOut,
    ChecklistOut,
    NoteIn,
    SubmitIn,
)
from pencaker.applications.errors import ApplicationErrorCode
from pencaker.core.audit import client_ip
from pencaker.core.error_schema import ErrorOut
from pencaker.core.errors import DomainError

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
