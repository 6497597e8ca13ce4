"""Office settings API, mounted at /api/v1/offices.

``office_settings_get`` (admin dinas or pimpinan of the office) and
``office_settings_update`` (admin dinas of the office; only the fields sent change, each
change audited and effective at once). Another office's code answers 404. Errors answer
``{"code", "message", "details"}``; field errors are ``details.fields``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from pencaker.accounts.api_auth import TokenAuth
from pencaker.accounts.models import Role
from pencaker.core.audit import client_ip
from pencaker.core.errors import NotFound, PermissionDenied
from pencaker.offices import installation, selectors, services
from pencaker.offices.errors import OfficeErrorCode as E
from pencaker.offices.models import Office

router = Router(tags=["offices"], auth=TokenAuth())


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, Any] = {}


class ClosureOut(Schema):
    date: dt.date
    reason: str


class OfficeSettingsOut(Schema):
    code: str
    name: str
    address: str
    phone: str
    whatsapp: str
    email: str
    counter_hours: str
    map_url: str
    letterhead_line1: str
    letterhead_line2: str
    logo_url: str | None
    signer_name: str
    signer_nip: str
    signer_title: str
    required_documents: list[str]
    min_age: int
    work_start: str
    work_end: str
    sla_working_days: int
    time_zone: str = Field(
        description="Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)"
    )
    kind: str = Field(description="kabkota or province")
    closures: list[ClosureOut]


class OfficeSettingsIn(Schema):
    name: str | None = Field(None, max_length=200)
    address: str | None = Field(None, max_length=1000)
    phone: str | None = Field(None, max_length=40)
    whatsapp: str | None = Field(None, max_length=40)
    email: str | None = Field(None, max_length=254)
    counter_hours: str | None = Field(None, max_length=200)
    map_url: str | None = Field(None, max_length=500)
    letterhead_line1: str | None = Field(None, max_length=200)
    letterhead_line2: str | None = Field(None, max_length=200)
    signer_name: str | None = Field(None, max_length=120)
    signer_nip: str | None = Field(None, max_length=18, description="18 digits")
    signer_title: str | None = Field(None, max_length=200)
    min_age: int | None = None
    sla_working_days: int | None = None
    work_start: dt.time | None = Field(None, description="HH:MM")
    work_end: dt.time | None = Field(None, description="HH:MM")
    time_zone: str | None = Field(
        None,
        max_length=40,
        description="Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)",
    )
    required_documents: list[str] | None = Field(
        None, max_length=20, description='kind codes; "ktp|sim" means one of them'
    )


def _office(request, code: str, *, write: bool) -> Office:
    actor = request.auth
    roles = {Role.ADMIN_DINAS} if write else {Role.ADMIN_DINAS, Role.PIMPINAN}
    if getattr(actor, "role", None) not in roles or not getattr(actor, "office_id", None):
        raise PermissionDenied(E.FORBIDDEN, _("Only the office administrator can do this."))
    office = Office.objects.filter(code=code[:13], pk=actor.office_id).first()
    if office is None:
        raise NotFound(E.NOT_FOUND, _("This office was not found."))
    return office


def _out(office: Office) -> dict[str, Any]:
    data = {name: getattr(office, name) for name in services.SETTING_FIELDS}
    data.update(
        code=office.code,
        logo_url=selectors.office_logo_url(office),
        required_documents=selectors.office_required_documents(office) or [],
        min_age=office.min_age,
        sla_working_days=office.sla_working_days,
        time_zone=office.time_zone,
        kind=office.kind,
        work_start=office.work_start.strftime("%H:%M"),
        work_end=office.work_end.strftime("%H:%M"),
        closures=[{"date": c.date, "reason": c.reason} for c in selectors.office_closures(office)],
    )
    return data


@router.get(
    "/{code}/settings",
    operation_id="office_settings_get",
    summary="The office's settings (admin dinas or pimpinan of the office)",
    response={200: OfficeSettingsOut, 403: ErrorOut, 404: ErrorOut},
)
def office_settings_get(request, code: str):
    return _out(_office(request, code, write=False))


@router.patch(
    "/{code}/settings",
    operation_id="office_settings_update",
    summary="Change some of the office's settings (admin dinas of the office)",
    response={200: OfficeSettingsOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def office_settings_update(request, code: str, payload: OfficeSettingsIn):
    office = _office(request, code, write=True)
    values = payload.dict(exclude_unset=True)
    kinds = values.pop("required_documents", None)
    values = {name: value for name, value in values.items() if value is not None}
    if values:
        services.office_settings_update(actor=request.auth, office=office, **values)
    if kinds is not None:
        allowed = [code for code, _label in selectors.office_document_kind_choices()]
        services.office_required_documents_set(
            actor=request.auth, office=office, kinds=kinds, allowed=allowed or None
        )
    return _out(office)


class OfficeCreateIn(Schema):
    code: str = Field(..., max_length=13, description="Kemendagri code: 16.74, or 16 (province)")
    admin_email: str = Field(..., max_length=254)
    admin_name: str = Field("", max_length=150)
    admin_phone: str = Field("", max_length=20)
    name: str = Field("", max_length=200, description="default: from the region's name")
    time_zone: str = Field(
        "", max_length=40, description="default: proposed from the province code"
    )


class OfficeCreatedOut(Schema):
    code: str
    name: str
    kind: str
    time_zone: str
    admin_email: str


@router.post(
    "/",
    operation_id="office_create",
    summary="Add an office and invite its first admin dinas (installation administrator)",
    response={201: OfficeCreatedOut, 400: ErrorOut, 403: ErrorOut, 409: ErrorOut},
)
def office_create(request, payload: OfficeCreateIn):
    created = installation.office_create(
        actor=request.auth, ip_address=client_ip(request), **payload.dict()
    )
    office = created.office
    return Status(
        201,
        {
            "code": office.code,
            "name": office.name,
            "kind": office.kind,
            "time_zone": office.time_zone,
            "admin_email": created.admin.email or "",
        },
    )
