"""Assisted registration at the counter (issue 3, item 4).

An operator files everything for a citizen who cannot do it online: the account, the
profile, the documents and the AK/1 request, in one transaction, through the services of
the accounts, seekers and documents apps. The application records the operator in
``assisted_by``; the audit log has one row for the whole act. The citizen gets an email
(through the outbox) with a link to set their own password, made with Django's
password-reset token, so the operator never knows the password.

The citizen's identity was checked in person against the KTP, so the "confirm your email"
checklist item does not block an assisted request (ADR 0006); every other item does.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from pencaker.accounts import phone_codes
from pencaker.accounts.permissions import can_decide
from pencaker.accounts.phone import phone_normalize
from pencaker.accounts.services import user_register
from pencaker.applications import services
from pencaker.applications.choices import ApplicationType
from pencaker.applications.errors import ApplicationErrorCode
from pencaker.applications.models import Application
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import DomainError, NotFound, PermissionDenied
from pencaker.core.links import absolute_url
from pencaker.documents.services import document_upload
from pencaker.notifications.services import notification_queue
from pencaker.regions.selectors import region_get
from pencaker.seekers import services as seekers


@dataclass(frozen=True)
class CitizenInput:
    """What the operator types in from the KTP, the diploma and the citizen's answers."""

    email: str
    phone: str
    full_name: str
    nik: str
    birth_place: str
    birth_date: dt.date
    sex: str
    marital_status: str
    religion: str
    address_line: str
    village_code: str
    education_level: str
    institution: str
    graduation_year: int
    rt: str = ""
    rw: str = ""
    postal_code: str = ""
    major: str = ""
    # kind → uploaded file (scans made at the counter)
    documents: dict[str, Any] = field(default_factory=dict)
    # Without email: how the one-time set-password code reaches the citizen, "sms" or
    # "slip" (printed at the counter; ADR 0032).
    code_delivery: str = "sms"


def application_submit_assisted(
    *,
    actor: Any,
    citizen: CitizenInput,
    consent: bool,
    type: str = ApplicationType.NEW,
    idempotency_key: str = "",
    ip_address: str | None = None,
) -> tuple[Application, bool]:
    """Create the citizen's account, profile, documents and AK/1 request on their behalf.

    Returns ``(application, created)``; the same ``idempotency_key`` from the same operator
    returns the first result (a double click at the counter does not make two accounts).
    All or nothing: any refusal rolls back the account and the profile too.
    """

    if not can_decide(actor):
        raise PermissionDenied(
            ApplicationErrorCode.FORBIDDEN, _("Only office operators can do this.")
        )
    key = (idempotency_key or "").strip()[: services.MAX_KEY_LENGTH]
    if key:
        done = Application.objects.filter(assisted_by=actor, idempotency_key=key).first()
        if done is not None:
            return done, False
    village = region_get(citizen.village_code)
    if village is None or village.level != "village":
        raise DomainError(
            ApplicationErrorCode.INVALID_VILLAGE,
            _("Enter the 10-digit village code (kelurahan/desa), for example 16.71.01.1001."),
            fields={"village_code": [_("Unknown village code.")]},
        )
    email = (citizen.email or "").strip()
    if not email and citizen.code_delivery not in phone_codes.COUNTER_DELIVERIES:
        raise DomainError(
            ApplicationErrorCode.CODE_DELIVERY,
            _("Choose how the citizen gets the code: by SMS or on a printed slip."),
            fields={"code_delivery": [_("Choose SMS or a printed slip.")]},
        )
    with transaction.atomic():
        if email:
            # The password is random and never shown: the citizen sets their own from the
            # email.
            user = user_register(
                email=email,
                phone=citizen.phone,
                full_name=citizen.full_name,
                password=secrets.token_urlsafe(32),
                consent=consent,
                ip_address=ip_address,
            )
        else:
            # No email (ADR 0032): the number given with the KTP is the login; the citizen
            # chooses the password with a code sent by SMS or printed on a slip.
            user = phone_codes.phone_account_create_at_counter(
                actor=actor,
                phone=_phone_or_field_error(citizen.phone),
                full_name=citizen.full_name,
                consent=consent,
                ip_address=ip_address,
            )
        profile = seekers.profile_ensure(user=user)
        profile = seekers.profile_update_identity(
            actor=actor,
            profile=profile,
            nik=citizen.nik,
            full_name=citizen.full_name,
            birth_place=citizen.birth_place,
            birth_date=citizen.birth_date,
            sex=citizen.sex,
            marital_status=citizen.marital_status,
            religion=citizen.religion,
        )
        profile = seekers.profile_update_address(
            actor=actor,
            profile=profile,
            address_line=citizen.address_line,
            rt=citizen.rt,
            rw=citizen.rw,
            village=village,
            postal_code=citizen.postal_code,
        )
        if profile.office_id != actor.office_id:
            raise PermissionDenied(
                ApplicationErrorCode.OTHER_OFFICE,
                _(
                    "This address belongs to another office's area. The citizen registers "
                    "at the office of the kabupaten/kota where they live."
                ),
            )
        seekers.education_add(
            actor=actor,
            profile=profile,
            level=citizen.education_level,
            institution=citizen.institution,
            major=citizen.major,
            graduation_year=citizen.graduation_year,
        )
        for kind, uploaded in citizen.documents.items():
            if uploaded is None:
                continue
            try:
                document_upload(
                    actor=actor,
                    owner=user,
                    kind=kind,
                    uploaded_file=uploaded,
                    ip_address=ip_address,
                )
            except DomainError as exc:
                # Say which file was refused, next to its field on the form.
                raise DomainError(
                    exc.code,
                    exc.message,
                    status=exc.status,
                    details=exc.details,
                    fields={f"document_{kind}": [exc.message]},
                ) from exc
        application, _created = services.application_submit(
            actor=actor,
            applicant=user,
            type=type,
            idempotency_key=key,
            ip_address=ip_address,
        )
        audit_record(
            actor=actor,
            action=AuditAction.APPLICATION_ASSISTED_REGISTRATION,
            obj=application,
            office=application.office,
            ip_address=ip_address,
            data={"user": user.pk, "documents": sorted(k for k in citizen.documents)},
        )
        if email:
            _queue_set_password(user=user, application=application)
        else:
            code = phone_codes.counter_code_issue(
                actor=actor,
                user=user,
                birth_date=citizen.birth_date,
                delivery=citizen.code_delivery,
                ip_address=ip_address,
            )
            # Only a slip shows the code (the view prints it once); an SMS carries it.
            application.slip_code = code if citizen.code_delivery == "slip" else ""
    return application, True


def _phone_or_field_error(phone: str) -> str:
    try:
        return phone_normalize(phone)
    except ValidationError as exc:
        raise DomainError(
            ApplicationErrorCode.INVALID_PHONE,
            exc.messages[0],
            fields={"phone": list(exc.messages)},
        ) from exc


def counter_code_reissue(
    *, actor: Any, application_id: int, delivery: str, ip_address: str | None = None
) -> tuple[Application, str]:
    """A new set-password code for a citizen registered at the counter without email
    (the first expired or was lost): by SMS or on a new slip. Staff of the application's
    office only; the earlier code stops working."""
    if not can_decide(actor):
        raise PermissionDenied(
            ApplicationErrorCode.FORBIDDEN, _("Only office operators can do this.")
        )
    application = (
        Application.objects.select_related("applicant")
        .filter(pk=application_id, office_id=actor.office_id, assisted_by__isnull=False)
        .first()
    )
    if application is None or application.applicant.email:
        raise NotFound(ApplicationErrorCode.NOT_FOUND, _("Application not found."))
    if delivery not in phone_codes.COUNTER_DELIVERIES:
        raise DomainError(
            ApplicationErrorCode.CODE_DELIVERY,
            _("Choose how the citizen gets the code: by SMS or on a printed slip."),
            fields={"code_delivery": [_("Choose SMS or a printed slip.")]},
        )
    birth_date = application.applicant.seeker_profile.birth_date
    code = phone_codes.counter_code_issue(
        actor=actor,
        user=application.applicant,
        birth_date=birth_date,
        delivery=delivery,
        ip_address=ip_address,
    )
    return application, code if delivery == "slip" else ""


def set_password_url(user: Any) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password_reset_confirm", args=[uid, token])
    return absolute_url(path)


def _queue_set_password(*, user: Any, application: Application) -> None:

    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "office": application.office,
            "application": application,
            "url": set_password_url(user),
            "login_url": absolute_url(reverse("accounts:login")),
            "valid_days": max(settings.PASSWORD_RESET_TIMEOUT // 86400, 1),
        }
        subject = render_to_string("applications/email/assisted_subject.txt", context)
        body = render_to_string("applications/email/assisted.txt", context)
    notification_queue(
        channel="email",
        recipient=user.email,
        kind="account.assisted_set_password",
        subject=" ".join(subject.split()),
        body=body,
        dedupe_key=f"assisted:{user.pk}:set_password",
    )
