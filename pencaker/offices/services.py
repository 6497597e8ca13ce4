"""Writes of an office's configuration: closed days, required documents, lifecycle rules
and the list of return reasons.

Every service takes the acting user and the office, refuses anyone but the administrator
(admin dinas) of that office, runs in one transaction and writes an audit row. Reads are in
``offices.selectors``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pencaker.accounts.models import User
from pencaker.accounts.permissions import is_office_admin
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from pencaker.offices.choices import DefaultReturnReason, OfficeTimeZone
from pencaker.offices.errors import OfficeErrorCode
from pencaker.offices.models import LifecycleSettings, Office, OfficeClosure, ReturnReason
from pencaker.offices.selectors import office_calendar_forget, return_reasons_seed

OTHER = DefaultReturnReason.OTHER.value


def _require_admin(actor: User | None, office: Office, message: str | None = None) -> None:
    if not is_office_admin(actor, office.pk):
        raise PermissionDenied(
            OfficeErrorCode.FORBIDDEN,
            message or _("Only the office administrator can do this."),
        )


# --- Closed days ---------------------------------------------------------------------------


def _calendar_changed(office: Office) -> None:
    # Now (this transaction reads its own change) and again after commit (a read by
    # another request of this process before the commit cached the old days).
    office_id = office.pk
    office_calendar_forget(office_id)
    transaction.on_commit(lambda: office_calendar_forget(office_id))


def office_closure_add(
    *, actor: User, office: Office, date: dt.date, reason: str = ""
) -> OfficeClosure:
    """Mark ``date`` as a day the office is closed (it no longer counts towards the SLA)."""
    _require_admin(actor, office)
    reason = " ".join((reason or "").split())
    if len(reason) > 200:
        raise DomainError(
            OfficeErrorCode.INVALID_SETTING,
            _("Keep the reason under 200 characters."),
            fields={"reason": [_("Keep the reason under 200 characters.")]},
        )
    try:
        with transaction.atomic():
            closure = OfficeClosure.objects.create(office=office, date=date, reason=reason)
            audit_record(
                actor=actor,
                action=AuditAction.OFFICE_CLOSURE_ADDED,
                obj=closure,
                office=office,
                data={"date": date.isoformat(), "reason": reason},
            )
            _calendar_changed(office)
    except IntegrityError:
        raise Conflict(
            OfficeErrorCode.CLOSURE_EXISTS,
            _("The office is already closed on that day."),
            fields={"date": [_("The office is already closed on that day.")]},
        ) from None
    return closure


def office_closure_remove(*, actor: User, office: Office, date: dt.date) -> None:
    """The office is open on ``date`` after all."""
    _require_admin(actor, office)
    with transaction.atomic():
        closure = OfficeClosure.objects.select_for_update().filter(office=office, date=date).first()
        if closure is None:
            raise NotFound(OfficeErrorCode.NOT_FOUND, _("The office is not closed on that day."))
        data = {"date": date.isoformat(), "reason": closure.reason}
        audit_record(
            actor=actor,
            action=AuditAction.OFFICE_CLOSURE_REMOVED,
            obj=closure,
            office=office,
            data=data,
        )
        closure.delete()
        _calendar_changed(office)


# --- Required documents --------------------------------------------------------------------


def office_required_documents_set(
    *, actor: User, office: Office, kinds: Iterable[str], allowed: Iterable[str] | None = None
) -> list[str]:
    """Set the document kinds an applicant of ``office`` must upload, in order. An entry
    ``"ktp|sim"`` asks for one of the kinds (the SIM accepted instead of the KTP).

    offices does not know the kinds (documents sits above it): the caller passes them as
    ``allowed`` (``documents.choices.DocumentKind.values``) to refuse unknown codes;
    documents ignores unknown codes when it reads the list in any case."""
    _require_admin(actor, office)
    cleaned: list[str] = []
    for kind in kinds:
        kind = (kind or "").strip()
        if kind and kind not in cleaned:
            cleaned.append(kind)
    if allowed is not None:
        # "ktp|sim": one of these kinds (documents.choices.ANY_OF).
        known = set(allowed)
        unknown = [
            entry
            for entry in cleaned
            if not all(part.strip() in known for part in entry.split("|"))
        ]
        if unknown:
            message = _("Unknown document kind: %(kinds)s.") % {"kinds": ", ".join(unknown)}
            raise DomainError(
                OfficeErrorCode.INVALID_DOCUMENT_KIND, message, fields={"kinds": [message]}
            )
    with transaction.atomic():
        row = Office.objects.select_for_update().get(pk=office.pk)
        before = list(row.required_documents or [])
        row.required_documents = cleaned
        row.save(update_fields=["required_documents"])
        office.required_documents = cleaned
        audit_record(
            actor=actor,
            action=AuditAction.OFFICE_REQUIRED_DOCUMENTS_CHANGED,
            obj=row,
            office=office,
            data={"before": before, "after": cleaned},
        )
    return cleaned


# --- Lifecycle rules -----------------------------------------------------------------------


def office_lifecycle_settings_update(
    *, actor: User, office: Office, **values: Any
) -> LifecycleSettings:
    """Change an office's report window, removal and expiry rules (admin dinas only)."""
    _require_admin(actor, office)
    allowed = {f.name for f in LifecycleSettings._meta.fields} - {"id", "office"}
    unknown = set(values) - allowed
    if unknown:
        raise DomainError(
            OfficeErrorCode.INVALID_SETTING,
            _("Unknown setting: %(name)s.") % {"name": unknown},
        )
    with transaction.atomic():
        row, _created = LifecycleSettings.objects.select_for_update().get_or_create(office=office)
        before = {name: getattr(row, name) for name in values}
        for name, value in values.items():
            setattr(row, name, value)
        row.full_clean()
        row.save()
        audit_record(
            actor=actor,
            action=AuditAction.LIFECYCLE_SETTINGS_CHANGED,
            obj=row,
            office=office,
            data={"before": before, "after": values},
        )
    return row


# --- Return reasons ------------------------------------------------------------------------


def _reasons_admin(actor: User, office: Office) -> None:
    _require_admin(
        actor, office, _("Only the office administrator can change the list of reasons.")
    )


def _clean_label(label: str) -> str:
    label = " ".join((label or "").split())
    if not label:
        message = _("Write the reason as the applicant will read it.")
        raise DomainError(
            OfficeErrorCode.REASON_LABEL_REQUIRED, message, fields={"label": [message]}
        )
    if len(label) > 200:
        message = _("Keep the reason under 200 characters.")
        raise DomainError(
            OfficeErrorCode.REASON_LABEL_TOO_LONG, message, fields={"label": [message]}
        )
    return label


def office_return_reason_create(*, actor: User, office: Office, label: str) -> ReturnReason:
    """Add a reason to the office's list; the code is made from the label."""
    _reasons_admin(actor, office)
    label = _clean_label(label)
    with transaction.atomic():
        return_reasons_seed(office=office)
        base = slugify(label).replace("-", "_")[:16] or "reason"
        code = base
        n = 1
        while ReturnReason.objects.filter(office=office, code=code).exists():
            n += 1
            code = f"{base}_{n}"[:20]
        last = ReturnReason.objects.filter(office=office).order_by("-position").first()
        reason = ReturnReason.objects.create(
            office=office,
            code=code,
            label=label,
            position=(last.position + 10) if last else 10,
        )
        audit_record(
            actor=actor,
            action=AuditAction.APPLICATIONS_RETURN_REASON_CREATED,
            obj=reason,
            office=office,
            data={"code": code, "label": label},
        )
    return reason


def office_return_reason_update(
    *, actor: User, office: Office, reason_id: int, label: str, active: bool
) -> ReturnReason:
    """Rename or (de)activate a reason. "Other" stays active: free text always needs it."""
    _reasons_admin(actor, office)
    label = " ".join((label or "").split())
    if label:
        label = _clean_label(label)
    with transaction.atomic():
        reason = (
            ReturnReason.objects.select_for_update().filter(pk=reason_id, office=office).first()
        )
        if reason is None:
            raise NotFound(OfficeErrorCode.NOT_FOUND, _("This reason was not found."))
        if reason.code == OTHER and not active:
            raise DomainError(
                OfficeErrorCode.REASON_OTHER_REQUIRED,
                _("“Other” cannot be switched off: operators need it for free-text reasons."),
            )
        before = {"label": reason.label, "active": reason.active}
        reason.label = label
        reason.active = active
        reason.save(update_fields=["label", "active"])
        audit_record(
            actor=actor,
            action=AuditAction.APPLICATIONS_RETURN_REASON_UPDATED,
            obj=reason,
            office=office,
            data={"before": before, "after": {"label": label, "active": active}},
        )
    return reason


# --- Identity, letterhead, signer, hours, SLA, minimum age (the settings screens) ----------

#: The office fields the settings screens and the API change, with their limits.
SETTING_FIELDS: dict[str, int] = {
    "name": 200,
    "address": 1000,
    "phone": 40,
    "whatsapp": 40,
    "email": 254,
    "counter_hours": 200,
    "map_url": 500,
    "letterhead_line1": 200,
    "letterhead_line2": 200,
    "signer_name": 120,
    "signer_nip": 18,
    "signer_title": 200,
}
NUMBER_FIELDS: dict[str, tuple[int, int]] = {"min_age": (14, 30), "sla_working_days": (1, 30)}
TIME_FIELDS = ("work_start", "work_end")
#: Fields that take one of a list of values.
CHOICE_FIELDS: dict[str, tuple[str, ...]] = {"time_zone": tuple(OfficeTimeZone.values)}
_PHONE_CHARS = set("0123456789+-() ")


def _field_error(errors: dict[str, list[str]], name: str, message: str) -> None:
    errors.setdefault(name, []).append(message)


def _clean_settings(office: Office, values: dict[str, Any]) -> dict[str, Any]:
    from django.core.exceptions import ValidationError
    from django.core.validators import EmailValidator, URLValidator

    allowed = set(SETTING_FIELDS) | set(NUMBER_FIELDS) | set(TIME_FIELDS) | set(CHOICE_FIELDS)
    unknown = sorted(set(values) - allowed)
    if unknown:
        raise DomainError(
            OfficeErrorCode.INVALID_SETTING,
            _("Unknown setting: %(name)s.") % {"name": ", ".join(unknown)},
        )
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        if name in SETTING_FIELDS:
            text = value if isinstance(value, str) else ("" if value is None else str(value))
            text = text.strip() if name == "address" else " ".join(text.split())
            if len(text) > SETTING_FIELDS[name]:
                _field_error(
                    errors,
                    name,
                    _("Keep this under %(n)s characters.") % {"n": SETTING_FIELDS[name]},
                )
            cleaned[name] = text
        elif name in NUMBER_FIELDS:
            low, high = NUMBER_FIELDS[name]
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                _field_error(
                    errors,
                    name,
                    _("Enter a whole number from %(low)s to %(high)s.")
                    % {"low": low, "high": high},
                )
            cleaned[name] = value
        elif name in CHOICE_FIELDS:
            if value not in CHOICE_FIELDS[name]:
                _field_error(errors, name, _("Choose WIB, WITA or WIT."))
            cleaned[name] = value
        else:
            if not isinstance(value, dt.time):
                _field_error(errors, name, _("Enter a time as HH:MM, for example 08:00."))
            cleaned[name] = value
    if "name" in cleaned and not cleaned["name"]:
        _field_error(errors, "name", _("Write the office's name."))
    nip = cleaned.get("signer_nip")
    if nip and not (len(nip) == 18 and nip.isdigit()):
        _field_error(errors, "signer_nip", _("The NIP has 18 digits, without spaces or dots."))
    for name in ("phone", "whatsapp"):
        number = cleaned.get(name)
        if number and (not set(number) <= _PHONE_CHARS or sum(c.isdigit() for c in number) < 6):
            _field_error(errors, name, _("Write a phone number, for example 0711 123456."))
    if cleaned.get("email"):
        try:
            EmailValidator()(cleaned["email"])
        except ValidationError:
            _field_error(errors, "email", _("Write an email address, like dinas@example.go.id."))
    if cleaned.get("map_url"):
        try:
            URLValidator(schemes=["https", "http"])(cleaned["map_url"])
        except ValidationError:
            _field_error(errors, "map_url", _("Write a web address starting with https://."))
    start = cleaned.get("work_start", office.work_start)
    end = cleaned.get("work_end", office.work_end)
    if (
        not errors.get("work_start")
        and not errors.get("work_end")
        and isinstance(start, dt.time)
        and isinstance(end, dt.time)
        and start >= end
    ):
        _field_error(errors, "work_end", _("The working day must end after it starts."))
    if errors:
        first = next(iter(errors.values()))[0]
        raise DomainError(OfficeErrorCode.INVALID_SETTING, first, fields=errors)
    return cleaned


def _jsonable(value: Any) -> Any:
    return value.isoformat(timespec="minutes") if isinstance(value, dt.time) else value


def office_settings_update(*, actor: User, office: Office, **values: Any) -> Office:
    """Change the office's identity, letterhead, signer, working hours, SLA working days or
    minimum age (admin dinas only). Effective at once: every reader loads the office row
    (cards copy the letterhead and signer when they are issued), and the header's memo is
    dropped on save. One audit row lists the fields that changed, before and after."""
    _require_admin(actor, office)
    cleaned = _clean_settings(office, values)
    with transaction.atomic():
        row = Office.objects.select_for_update().get(pk=office.pk)
        changed = {name: v for name, v in cleaned.items() if getattr(row, name) != v}
        if changed:
            before = {name: _jsonable(getattr(row, name)) for name in changed}
            for name, value in changed.items():
                setattr(row, name, value)
                setattr(office, name, value)
            row.save(update_fields=sorted(changed))
            audit_record(
                actor=actor,
                action=AuditAction.OFFICE_SETTINGS_CHANGED,
                obj=row,
                office=office,
                data={
                    "before": before,
                    "after": {name: _jsonable(v) for name, v in changed.items()},
                },
            )
    return office


def office_signer_upload(
    *,
    actor: User,
    office: Office,
    uploaded_file: Any,
    password: str,
    ip_address: str | None = None,
) -> None:
    """Keep an uploaded PKCS#12 as the signer of the office's cards (checked, stored
    encrypted and audited by cards through the ``signing_upload`` hook; ADR 0032)."""
    from pencaker.offices.selectors import settings_hook

    _require_admin(actor, office)
    upload = settings_hook("signing_upload")
    if upload is None:  # pragma: no cover - cards is always installed
        raise DomainError(OfficeErrorCode.FORBIDDEN, _("Certificates cannot be uploaded here."))
    upload(
        actor=actor,
        office=office,
        uploaded_file=uploaded_file,
        password=password,
        ip_address=ip_address,
    )


def office_signer_remove(*, actor: User, office: Office, ip_address: str | None = None) -> None:
    """Sign the office's cards with the installation's configured signer again."""
    from pencaker.offices.selectors import settings_hook

    _require_admin(actor, office)
    remove = settings_hook("signing_remove")
    if remove is not None:
        remove(actor=actor, office=office, ip_address=ip_address)


def office_logo_set(*, actor: User, office: Office, uploaded_file: Any) -> Office:
    """Replace the office's logo with an uploaded picture, checked and re-encoded by the
    documents app (through the ``logo_check`` hook). The header shows it on the next page."""
    import hashlib

    from pencaker.offices.models import OfficeLogo
    from pencaker.offices.selectors import settings_hook

    _require_admin(actor, office)
    check = settings_hook("logo_check")
    if check is None:  # pragma: no cover - documents is always installed
        raise DomainError(OfficeErrorCode.INVALID_LOGO, _("Logos cannot be uploaded here."))
    try:
        data, content_type = check(uploaded_file)
    except DomainError as exc:
        raise DomainError(
            exc.code, exc.message, status=exc.status, fields={"logo": [exc.message]}
        ) from exc
    version = hashlib.sha256(data).hexdigest()[:16]
    with transaction.atomic():
        row = Office.objects.select_for_update().get(pk=office.pk)
        before = row.logo_version
        OfficeLogo.objects.update_or_create(
            office=row, defaults={"data": data, "content_type": content_type}
        )
        row.logo_version = version
        row.save(update_fields=["logo_version"])
        office.logo_version = version
        audit_record(
            actor=actor,
            action=AuditAction.OFFICE_LOGO_CHANGED,
            obj=row,
            office=office,
            data={"before": before, "after": version, "bytes": len(data), "type": content_type},
        )
    return office


def office_logo_remove(*, actor: User, office: Office) -> Office:
    """Back to the installed logo (or the name alone)."""
    from pencaker.offices.models import OfficeLogo

    _require_admin(actor, office)
    with transaction.atomic():
        row = Office.objects.select_for_update().get(pk=office.pk)
        before = row.logo_version
        OfficeLogo.objects.filter(office=row).delete()
        row.logo_version = ""
        row.save(update_fields=["logo_version"])
        office.logo_version = ""
        audit_record(
            actor=actor,
            action=AuditAction.OFFICE_LOGO_CHANGED,
            obj=row,
            office=office,
            data={"before": before, "after": ""},
        )
    return office
