"""Employers API, mounted at /api/v1/employers.

Employer operations (an employer account's token): ``employer_register`` (multipart: the
organisation's fields and ``document``), ``employer_get``, ``employer_update``,
``employer_member_invite``. Staff operations (token of an operator or admin dinas; staff
tokens are issued only with a TOTP code): ``operator_employer_queue``,
``operator_employer_decide``. The batch card check for HR systems,
``employer_cards_verify``, lives with the cards API (cards sits above employers).

Errors answer ``{"code", "message", "details"}``; field errors are ``details.fields``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from pencaker.accounts.api_auth import TokenAuth
from pencaker.accounts.permissions import can_decide
from pencaker.core.audit import client_ip
from pencaker.core.errors import DomainError, PermissionDenied
from pencaker.core.input_rules import multipart_refusal
from pencaker.documents.checks import too_large_error
from pencaker.documents.upload_limit import install_upload_limit
from pencaker.employers import selectors, services, sla
from pencaker.employers.choices import OrganisationType, SizeBand
from pencaker.employers.errors import EmployerError
from pencaker.employers.models import Organisation
from pencaker.offices.selectors import office_calendar

router = Router(tags=["employers"], auth=TokenAuth())


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, Any] = {}


class MemberOut(Schema):
    id: int
    email: str
    full_name: str
    role: str


class ReturnItemOut(Schema):
    field: str
    label: str
    text: str


class OrganisationOut(Schema):
    id: int
    legal_name: str
    type: str
    nib: str
    npwp: str
    sector: str
    sector_title: str
    address_line: str
    village_code: str
    postal_code: str
    office_code: str
    contact_name: str
    phone: str
    email: str
    size_band: str
    website: str
    status: str
    status_label: str
    verified: bool
    submitted_at: datetime | None
    due_at: datetime | None
    decided_at: datetime | None
    reject_reason: str
    decision_note: str
    return_items: list[ReturnItemOut]
    members: list[MemberOut]


class UpdateIn(Schema):
    """Only the fields sent change. ``resubmit`` sends a returned registration again."""

    legal_name: str | None = Field(None, max_length=200)
    type: str | None = Field(None, max_length=12)
    nib: str | None = Field(None, max_length=20)
    npwp: str | None = Field(None, max_length=25)
    sector: str | None = Field(None, max_length=5)
    address_line: str | None = Field(None, max_length=200)
    village: str | None = Field(None, max_length=13)
    postal_code: str | None = Field(None, max_length=5)
    contact_name: str | None = Field(None, max_length=150)
    phone: str | None = Field(None, max_length=25)
    email: str | None = Field(None, max_length=254)
    size_band: str | None = Field(None, max_length=10)
    website: str | None = Field(None, max_length=200)
    resubmit: bool = False


class InviteIn(Schema):
    email: str = Field(..., max_length=254)
    full_name: str = Field("", max_length=150)


class QueueItemOut(Schema):
    id: int
    legal_name: str
    type: str
    status: str
    submitted_at: datetime | None
    due_at: datetime | None
    remaining_hours: float | None
    overdue: bool


class ReturnItemIn(Schema):
    field: str = Field(..., max_length=20)
    text: str = Field(..., max_length=500)


class DecideIn(Schema):
    decision: str = Field(..., description="verify, return or reject")
    note: str = Field("", max_length=2000)
    items: list[ReturnItemIn] = Field([], max_length=20, description="for return")
    reason: str = Field("", max_length=20, description="for reject")


def _organisation_out(organisation: Organisation) -> dict[str, Any]:
    return {
        "id": organisation.pk,
        "legal_name": organisation.legal_name,
        "type": organisation.type,
        "nib": organisation.nib,
        "npwp": organisation.npwp,
        "sector": organisation.sector_id,
        "sector_title": organisation.sector.title,
        "address_line": organisation.address_line,
        "village_code": organisation.village_id,
        "postal_code": organisation.postal_code,
        "office_code": organisation.office.code,
        "contact_name": organisation.contact_name,
        "phone": organisation.phone,
        "email": organisation.email,
        "size_band": organisation.size_band,
        "website": organisation.website,
        "status": organisation.status,
        "status_label": str(organisation.get_status_display()),
        "verified": organisation.is_verified,
        "submitted_at": organisation.submitted_at,
        "due_at": organisation.due_at,
        "decided_at": organisation.decided_at,
        "reject_reason": organisation.reject_reason,
        "decision_note": organisation.decision_note,
        "return_items": [
            {"field": i.field, "label": str(i.get_field_display()), "text": i.text}
            for i in selectors.organisation_return_items(organisation)
        ],
        "members": [
            {
                "id": m.pk,
                "email": m.user.email,
                "full_name": m.user.full_name,
                "role": m.role,
            }
            for m in selectors.organisation_members(organisation)
        ],
    }


_TEXT = {"type": "string"}
_REGISTER_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": [
                        "legal_name",
                        "type",
                        "sector",
                        "address_line",
                        "village",
                        "contact_name",
                        "phone",
                        "email",
                        "size_band",
                        "document",
                    ],
                    "properties": {
                        "legal_name": _TEXT,
                        "type": {"type": "string", "enum": list(OrganisationType.values)},
                        "nib": {**_TEXT, "description": "13 digits; NIB or NPWP (or both)"},
                        "npwp": {**_TEXT, "description": "15 or 16 digits"},
                        "sector": {**_TEXT, "description": "KBLI 2020 code, e.g. 10710"},
                        "address_line": _TEXT,
                        "village": {**_TEXT, "description": "Kemendagri village code"},
                        "postal_code": _TEXT,
                        "contact_name": _TEXT,
                        "phone": {**_TEXT, "description": "mobile number, stored as E.164"},
                        "email": _TEXT,
                        "size_band": {"type": "string", "enum": list(SizeBand.values)},
                        "website": _TEXT,
                        "document": {
                            "type": "string",
                            "format": "binary",
                            "description": "NIB printout or letter: JPEG, PNG or PDF",
                        },
                    },
                }
            }
        },
    }
}


@router.post(
    "/",
    operation_id="employer_register",
    summary="Register the caller's organisation and send it to the office for verification",
    response={201: OrganisationOut, 400: ErrorOut, 403: ErrorOut, 409: ErrorOut, 413: ErrorOut},
    openapi_extra=_REGISTER_BODY,
)
def employer_register(request):
    limit = install_upload_limit(request)
    if not request.META.get("CONTENT_TYPE", "").startswith("multipart/form-data"):
        raise DomainError(
            EmployerError.NOT_MULTIPART,
            _("Send the registration as multipart/form-data with the document."),
        )
    try:
        files = request.FILES
    except MultiPartParserError as exc:
        raise DomainError(
            EmployerError.NOT_MULTIPART,
            _("Send the registration as multipart/form-data with the document."),
        ) from exc
    if limit.too_large_bytes is not None:
        raise too_large_error(limit.too_large_bytes)
    if refused := multipart_refusal(request):
        return refused
    fields = {name: request.POST.get(name, "") for name in services.ORGANISATION_FIELDS}
    organisation = services.organisation_register(
        actor=request.auth,
        document=files.get("document"),
        ip_address=client_ip(request),
        **fields,
    )
    return Status(201, _organisation_out(organisation))


@router.get(
    "/mine",
    operation_id="employer_get",
    summary="The caller's organisation: status, badge, members, what to fix",
    response={200: OrganisationOut, 404: ErrorOut},
)
def employer_get(request):
    organisation = selectors.organisation_of(request.auth)
    if organisation is None:
        raise selectors.not_found()
    return _organisation_out(organisation)


@router.patch(
    "/mine",
    operation_id="employer_update",
    summary="Change the caller's organisation (contact details only once verified)",
    response={200: OrganisationOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def employer_update(request, payload: UpdateIn):
    data = payload.dict(exclude_none=True)
    resubmit = data.pop("resubmit", False)
    organisation = services.organisation_update(
        actor=request.auth, resubmit=resubmit, ip_address=client_ip(request), **data
    )
    return _organisation_out(organisation)


@router.post(
    "/mine/members",
    operation_id="employer_member_invite",
    summary="The owner invites a colleague by email (a set-password link is sent)",
    response={201: MemberOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def employer_member_invite(request, payload: InviteIn):
    membership = services.member_invite(
        actor=request.auth,
        email=payload.email,
        full_name=payload.full_name,
        ip_address=client_ip(request),
    )
    return Status(
        201,
        {
            "id": membership.pk,
            "email": membership.user.email,
            "full_name": membership.user.full_name,
            "role": membership.role,
        },
    )


@router.get(
    "/queue",
    operation_id="operator_employer_queue",
    summary="Organisations of the caller's office waiting for verification, soonest first",
    response={200: list[QueueItemOut], 403: ErrorOut},
)
def operator_employer_queue(request, status: str = ""):
    actor = request.auth
    if not can_decide(actor):
        raise PermissionDenied(
            EmployerError.FORBIDDEN, _("Only office operators can verify employers.")
        )
    calendar = office_calendar(actor.office)
    rows = []
    for organisation in selectors.organisation_queue_for_office(actor, status=status)[:200]:
        state = sla.sla_state(organisation, calendar=calendar)
        rows.append(
            {
                "id": organisation.pk,
                "legal_name": organisation.legal_name,
                "type": organisation.type,
                "status": organisation.status,
                "submitted_at": organisation.submitted_at,
                "due_at": organisation.due_at,
                "remaining_hours": state.remaining_hours,
                "overdue": state.overdue,
            }
        )
    return rows


@router.post(
    "/{organisation_id}/decision",
    operation_id="operator_employer_decide",
    summary="Verify, return (with what to fix) or reject an organisation",
    response={200: OrganisationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def operator_employer_decide(request, organisation_id: int, payload: DecideIn):
    organisation = services.organisation_decide(
        actor=request.auth,
        organisation_id=organisation_id,
        decision=payload.decision,
        note=payload.note,
        items=[services.ReturnItemInput(i.field, i.text) for i in payload.items],
        reason=payload.reason,
        ip_address=client_ip(request),
    )
    return _organisation_out(organisation)
