"""Offices of one installation (ADR 0031): the installation administrator creates an office
from its Kemendagri code and names its first admin dinas.

A kabupaten/kota code (``"16.74"``) makes a Dinas that serves citizens; a province code
(``"16"``) makes the province's Disnakertrans, which reads the figures of the kabupaten/kota
offices whose codes start with its code and serves no citizen itself. The time zone is
proposed from the province code (``choices.time_zone_for_code``) and may be changed here or
later on the settings screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from pencaker.accounts.models import User
from pencaker.accounts.permissions import is_installation_admin
from pencaker.accounts.services import office_first_admin_create
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import Conflict, DomainError, PermissionDenied
from pencaker.core.text import name_clean
from pencaker.offices.choices import OfficeKind, OfficeTimeZone, time_zone_for_code
from pencaker.offices.errors import OfficeErrorCode
from pencaker.offices.models import Office
from pencaker.offices.selectors import office_brand_forget, return_reasons_seed
from pencaker.regions.models import Level, Region


@dataclass(frozen=True)
class OfficeCreated:
    office: Office
    admin: User


def office_default_name(region: Region) -> str:
    """``Dinas Tenaga Kerja Kota Prabumulih``; a province: ``Dinas Tenaga Kerja dan
    Transmigrasi Provinsi Sumatera Selatan``."""
    if region.level == Level.PROVINCE:
        return f"Dinas Tenaga Kerja dan Transmigrasi Provinsi {region.name}"
    return f"Dinas Tenaga Kerja {region.name}"


def _field(name: str, message: str) -> DomainError:
    return DomainError(OfficeErrorCode.INVALID_SETTING, message, fields={name: [message]})


def office_create(
    *,
    actor: User | None,
    code: str,
    admin_email: str,
    admin_name: str = "",
    admin_phone: str = "",
    name: str = "",
    time_zone: str = "",
    ip_address: str | None = None,
) -> OfficeCreated:
    """Create the office of the Kemendagri region ``code`` and its first admin dinas, who
    gets a set-password link through the outbox. ``actor``: the installation administrator
    (TOTP-verified by the screen and the API), or None from the shell command. One
    transaction: the office exists with its admin, or neither does; audited."""
    if actor is not None and not is_installation_admin(actor):
        raise PermissionDenied(
            OfficeErrorCode.FORBIDDEN, _("Only the installation administrator can add offices.")
        )
    code = (code or "").strip()
    region = Region.objects.filter(code=code).first() if code else None
    if region is None or region.level not in (Level.PROVINCE, Level.REGENCY):
        raise _field(
            "code",
            _(
                "Write the Kemendagri code of a province or a kabupaten/kota, "
                "for example 16.74 (Kota Prabumulih) or 16 (Sumatera Selatan)."
            ),
        )
    email = (admin_email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise _field(
            "admin_email", _("Write the administrator's email address, like nama@example.go.id.")
        ) from None
    time_zone = (time_zone or "").strip() or time_zone_for_code(code)
    if time_zone not in OfficeTimeZone.values:
        raise _field("time_zone", _("Choose WIB, WITA or WIT."))
    office_name = " ".join((name or "").split()) or office_default_name(region)
    if len(office_name) > 200:
        raise _field("name", _("Keep this under %(n)s characters.") % {"n": 200})
    kind = OfficeKind.PROVINCE if region.level == Level.PROVINCE else OfficeKind.KABKOTA
    exists = Conflict(
        OfficeErrorCode.OFFICE_EXISTS,
        _("This installation already has an office for %(region)s.") % {"region": region.name},
        fields={"code": [_("This office already exists.")]},
    )
    with transaction.atomic():
        if Office.objects.filter(code=code).exists():
            raise exists
        try:
            with transaction.atomic():
                office = Office.objects.create(
                    code=code,
                    name=office_name,
                    region=region,
                    kind=kind,
                    time_zone=time_zone,
                )
        except IntegrityError:
            raise exists from None
        return_reasons_seed(office=office)
        audit_record(
            actor=actor,
            action=AuditAction.OFFICE_CREATED,
            obj=office,
            office=office,
            ip_address=ip_address,
            data={
                "code": code,
                "name": office_name,
                "kind": kind,
                "time_zone": time_zone,
                "admin_email": email.lower(),
            },
        )
        admin = office_first_admin_create(
            actor=actor,
            office=office,
            email=email,
            full_name=name_clean(admin_name or ""),
            phone=admin_phone or "",
            ip_address=ip_address,
        )
    office_brand_forget()
    return OfficeCreated(office=office, admin=admin)


def offices_of_installation() -> list[Office]:
    """Every office, provinces first, then by code (the installation administrator's
    list: names and settings only, no records)."""
    return list(Office.objects.order_by("kind", "code"))
