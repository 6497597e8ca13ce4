"""Every write of the employers app: one service per business action.

Each service runs in one transaction, locks the organisation row (``select_for_update``)
where two people could act on it at once, checks the transition table, writes the history
and audit rows, and queues its messages in the outbox inside the same transaction.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp import devices_for_user

from pencaker.accounts import services as accounts_services
from pencaker.accounts.models import ApiToken, Role, User
from pencaker.accounts.permissions import can_decide
from pencaker.accounts.phone import phone_normalize
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import Conflict, DomainError, PermissionDenied
from pencaker.documents.checks import check_upload, sanitise_filename
from pencaker.employers import notices, sla
from pencaker.employers.choices import (
    MemberRole,
    OrganisationType,
    RejectReason,
    ReturnField,
    SizeBand,
    Status,
)
from pencaker.employers.errors import EmployerError
from pencaker.employers.identifiers import nib_normalize, npwp_normalize
from pencaker.employers.models import (
    KbliSector,
    Membership,
    Organisation,
    OrganisationDocument,
    OrganisationReturnItem,
)
from pencaker.employers.selectors import membership_of, not_found
from pencaker.employers.workflow import move
from pencaker.offices.selectors import office_for_village
from pencaker.regions.models import Level, Region

logger = logging.getLogger(__name__)

#: The file check of the documents app treats every kind but the photo alike.
DOCUMENT_CHECK_KIND = "employer_document"

#: Fields an employer may change on a verified organisation without a new verification.
CONTACT_FIELDS = ("contact_name", "phone", "email", "website", "size_band")
#: Every field of the registration form.
ORGANISATION_FIELDS = (
    "legal_name",
    "type",
    "nib",
    "npwp",
    "sector",
    "address_line",
    "village",
    "postal_code",
    *CONTACT_FIELDS,
)
EDITABLE_STATUSES = (Status.DRAFT, Status.NEEDS_CHANGES)


@dataclass(frozen=True)
class ReturnItemInput:
    field: str
    text: str


# --- Accounts ------------------------------------------------------------------------------


def employer_account_register(
    *,
    email: str,
    phone: str,
    full_name: str,
    password: str,
    consent: bool,
    ip_address: str | None = None,
) -> User:
    """Create an employer account (email verification as for everyone); the organisation
    is registered next, by ``organisation_register``."""
    return accounts_services.user_register(
        email=email,
        phone=phone,
        full_name=full_name,
        password=password,
        consent=consent,
        ip_address=ip_address,
        role=Role.EMPLOYER,
    )


# --- Validation ------------------------------------------------------------------------------


def _field_error(code: str, field: str, message: str) -> DomainError:
    return DomainError(code, message, fields={field: [message]})


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """Check every given field; raise one DomainError naming each field that is wrong."""
    errors: dict[str, list[str]] = {}
    first_code = ""
    cleaned: dict[str, Any] = {}

    def fail(code: str, field: str, message: str) -> None:
        nonlocal first_code
        first_code = first_code or code
        errors.setdefault(field, []).append(message)

    for name in ("legal_name", "address_line", "contact_name"):
        if name in data:
            value = " ".join(str(data[name] or "").split())
            if not value:
                fail("required", name, _("This field is required."))
            cleaned[name] = value
    if "type" in data:
        if data["type"] not in OrganisationType.values:
            fail(EmployerError.INVALID_TYPE, "type", _("Choose the type of organisation."))
        cleaned["type"] = data["type"]
    if "size_band" in data:
        if data["size_band"] not in SizeBand.values:
            fail(EmployerError.INVALID_SIZE_BAND, "size_band", _("Choose the number of workers."))
        cleaned["size_band"] = data["size_band"]
    for name, normalize in (("nib", nib_normalize), ("npwp", npwp_normalize)):
        if name in data:
            raw = str(data[name] or "").strip()
            cleaned[name] = ""
            if raw:
                try:
                    cleaned[name] = normalize(raw)
                except DomainError as exc:
                    fail(exc.code, name, exc.message)
    if "sector" in data:
        sector = data["sector"]
        if not isinstance(sector, KbliSector):
            sector = KbliSector.objects.filter(code=str(sector or "").strip().upper()).first()
        if sector is None or sector.level == "section":
            fail(
                EmployerError.INVALID_SECTOR,
                "sector",
                _("Choose the business sector (a KBLI 2020 code, for example 10710)."),
            )
        cleaned["sector"] = sector
    if "village" in data:
        village = data["village"]
        if not isinstance(village, Region):
            village = Region.objects.filter(code=str(village or "").strip()).first()
        if village is None or village.level != Level.VILLAGE:
            fail(
                EmployerError.ADDRESS_REQUIRED,
                "village",
                _("Choose the village (kelurahan/desa) of the address."),
            )
        cleaned["village"] = village
    if "postal_code" in data:
        postal = str(data["postal_code"] or "").strip()
        if postal and not (postal.isdigit() and len(postal) == 5):
            fail("invalid_postal_code", "postal_code", _("A postal code has 5 digits."))
        cleaned["postal_code"] = postal
    if "phone" in data:
        try:
            cleaned["phone"] = phone_normalize(str(data["phone"] or ""))
        except ValidationError as exc:
            fail(EmployerError.INVALID_PHONE, "phone", " ".join(str(m) for m in exc.messages))
    if "email" in data:
        email = str(data["email"] or "").strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            fail("invalid_email", "email", _("Write the email address like nama@contoh.com."))
        cleaned["email"] = email
    if "website" in data:
        website = str(data["website"] or "").strip()
        if website and "://" not in website:
            website = "https://" + website
        if website:
            try:
                URLValidator(schemes=["http", "https"])(website)
            except ValidationError:
                fail(
                    EmployerError.INVALID_WEBSITE,
                    "website",
                    _("Write the website like https://contoh.co.id."),
                )
        cleaned["website"] = website
    if errors:
        message = _("Some fields need attention: %(fields)s.") % {"fields": ", ".join(errors)}
        if len(errors) == 1:
            message = next(iter(errors.values()))[0]
        raise DomainError(first_code, message, fields=errors)
    return cleaned


def _require_identifier(nib: str, npwp: str) -> None:
    if not nib and not npwp:
        message = _("Give the NIB or the NPWP of the organisation (at least one of them).")
        raise DomainError(
            EmployerError.IDENTIFIER_REQUIRED,
            message,
            fields={"nib": [message], "npwp": [message]},
        )


def _identifiers_free(nib: str, npwp: str, *, exclude_id: int | None = None) -> None:
    others = Organisation.objects.exclude(status=Status.REJECTED)
    if exclude_id is not None:
        others = others.exclude(pk=exclude_id)
    if nib and others.filter(nib=nib).exists():
        raise _field_error(
            EmployerError.NIB_TAKEN,
            "nib",
            _("An organisation with this NIB is already registered. Ask its owner to invite you."),
        )
    if npwp and others.filter(npwp=npwp).exists():
        raise _field_error(
            EmployerError.NPWP_TAKEN,
            "npwp",
            _("An organisation with this NPWP is already registered. Ask its owner to invite you."),
        )


# --- Documents -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _StoredFile:
    name: str
    sha256: str
    content_type: str
    size: int
    original_filename: str


def _store_document(uploaded_file: Any) -> _StoredFile:
    """Check by content (documents' rules: sniffing, re-encoding images without metadata,
    PDF checks) and write the bytes under a random name."""
    try:
        checked = check_upload(kind=DOCUMENT_CHECK_KIND, uploaded_file=uploaded_file)
    except DomainError as exc:
        # The file checks speak of the upload as a whole; here it is the form's one file.
        raise DomainError(
            exc.code,
            exc.message,
            status=exc.status,
            details=dict(exc.details),
            fields={"document": [exc.message]},
        ) from exc
    now = timezone.now()
    name = default_storage.save(
        f"employers/{now:%Y}/{now:%m}/{uuid.uuid4().hex}.{checked.extension}",
        ContentFile(checked.data),
    )
    return _StoredFile(
        name=name,
        sha256=hashlib.sha256(checked.data).hexdigest(),
        content_type=checked.content_type,
        size=len(checked.data),
        original_filename=sanitise_filename(getattr(uploaded_file, "name", "")),
    )


def _delete_quietly(name: str) -> None:
    try:
        default_storage.delete(name)
    except Exception:  # the original error matters more than a failed clean-up
        logger.exception("could not delete orphan upload %s", name)


def _document_row(organisation: Organisation, stored: _StoredFile, actor: Any) -> None:
    OrganisationDocument.objects.create(
        organisation=organisation,
        file=stored.name,
        sha256=stored.sha256,
        content_type=stored.content_type,
        size=stored.size,
        original_filename=stored.original_filename,
        uploaded_by=actor,
    )


# --- Registration ----------------------------------------------------------------------------


def organisation_register(
    *, actor: Any, document: Any, ip_address: str | None = None, **fields: Any
) -> Organisation:
    """Register the actor's organisation with its supporting document and send it to the
    office of its address. The actor becomes the owner.

    ``fields`` are the keys of ``ORGANISATION_FIELDS``. One employer account belongs to one
    organisation: a second call (a double click, a retry) is refused with
    ``already_member`` and leaves the first registration as it was.
    """
    if getattr(actor, "role", None) != Role.EMPLOYER:
        raise PermissionDenied(
            EmployerError.NOT_EMPLOYER,
            _("Sign up as an employer to register an organisation."),
        )
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown organisation fields: {sorted(unknown)}")
    data = _clean({name: fields.get(name, "") for name in ORGANISATION_FIELDS})
    _require_identifier(data["nib"], data["npwp"])
    office = office_for_village(data["village"])
    if office is None:
        raise _field_error(
            EmployerError.NO_OFFICE,
            "village",
            _("No office serves this address in Pencaker yet. Check the address."),
        )
    if document is None:
        raise _field_error(
            EmployerError.DOCUMENT_REQUIRED,
            "document",
            _("Upload the NIB printout or a letter of the organisation (JPG, PNG or PDF)."),
        )
    stored = _store_document(document)
    try:
        with transaction.atomic():
            # Serialises two registrations by the same account (the membership is unique).
            get_user_model().objects.select_for_update().filter(pk=actor.pk).values_list(
                "pk", flat=True
            ).first()
            if Membership.objects.filter(user=actor).exists():
                raise Conflict(
                    EmployerError.ALREADY_MEMBER,
                    _("Your account already belongs to an organisation. Open your employer page."),
                )
            _identifiers_free(data["nib"], data["npwp"])
            now = timezone.now()
            organisation = Organisation(
                **data,
                office=office,
                status=Status.DRAFT,
                submitted_at=now,
                due_at=sla.due_at_for(office, now),
            )
            organisation.save()
            change = move(organisation, to=Status.SUBMITTED, actor=actor)
            Membership.objects.create(organisation=organisation, user=actor, role=MemberRole.OWNER)
            _document_row(organisation, stored, actor)
            audit_record(
                actor=actor,
                action=AuditAction.EMPLOYER_REGISTERED,
                obj=organisation,
                office=office,
                ip_address=ip_address,
                data={"nib": data["nib"], "npwp": data["npwp"], "document": stored.sha256},
            )
            notices.organisation_notify(organisation=organisation, event="submitted", change=change)
    except IntegrityError as exc:
        _delete_quietly(stored.name)
        # A concurrent registration of the same NIB/NPWP won the race.
        raise Conflict(
            EmployerError.NIB_TAKEN,
            _("An organisation with this NIB or NPWP is already registered."),
        ) from exc
    except (OperationalError, InterfaceError):
        # The connection broke, perhaps during COMMIT: the row may be stored, so the file
        # stays; `cleanup_orphans` removes it later if no row points to it.
        raise
    except BaseException:
        _delete_quietly(stored.name)
        raise
    return organisation


def _membership_locked(actor: Any) -> tuple[Membership, Organisation]:
    membership = membership_of(actor)
    if membership is None:
        raise not_found()
    organisation = Organisation.objects.select_for_update().get(pk=membership.organisation_id)
    return membership, organisation


def organisation_update(
    *,
    actor: Any,
    document: Any = None,
    resubmit: bool = False,
    ip_address: str | None = None,
    **fields: Any,
) -> Organisation:
    """Change the actor's organisation.

    While ``draft`` or ``needs_changes`` every field (and the document) may change, and
    ``resubmit=True`` sends it to the office again. A verified organisation changes only
    its contact details (``CONTACT_FIELDS``): its legal identity was what the office
    checked. While the office is checking it nothing changes.
    """
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown organisation fields: {sorted(unknown)}")
    stored = None
    try:
        with transaction.atomic():
            _membership, organisation = _membership_locked(actor)
            if organisation.status in EDITABLE_STATUSES:
                allowed: tuple[str, ...] = ORGANISATION_FIELDS
            elif organisation.status == Status.VERIFIED:
                allowed = CONTACT_FIELDS
            else:
                raise Conflict(
                    EmployerError.NOT_EDITABLE,
                    _("The office is checking your registration; it cannot change now."),
                )
            refused = sorted(set(fields) - set(allowed))
            if refused or (document is not None and organisation.status not in EDITABLE_STATUSES):
                message = _(
                    "A verified organisation can change only its contact details; ask the "
                    "office to change its legal data."
                )
                raise Conflict(
                    EmployerError.NOT_EDITABLE,
                    message,
                    fields={name: [message] for name in refused},
                )
            data = _clean(fields)
            for name, value in data.items():
                setattr(organisation, name, value)
            _require_identifier(organisation.nib, organisation.npwp)
            _identifiers_free(organisation.nib, organisation.npwp, exclude_id=organisation.pk)
            if "village" in data:
                office = office_for_village(data["village"])
                if office is None:
                    raise _field_error(
                        EmployerError.NO_OFFICE,
                        "village",
                        _("No office serves this address in Pencaker yet. Check the address."),
                    )
                organisation.office = office
            organisation.save()
            if document is not None:
                stored = _store_document(document)
                _document_row(organisation, stored, actor)
            audit_record(
                actor=actor,
                action=AuditAction.EMPLOYER_UPDATED,
                obj=organisation,
                office=organisation.office,
                ip_address=ip_address,
                data={"fields": sorted(data), "document": stored.sha256 if stored else None},
            )
            if resubmit:
                _resubmit(organisation, actor=actor, ip_address=ip_address)
    except (OperationalError, InterfaceError):
        # The connection broke, perhaps during COMMIT: the row may be stored, so the file
        # stays; `cleanup_orphans` removes it later if no row points to it.
        raise
    except BaseException:
        if stored is not None:
            _delete_quietly(stored.name)
        raise
    return organisation


def _resubmit(organisation: Organisation, *, actor: Any, ip_address: str | None) -> None:
    if organisation.status != Status.NEEDS_CHANGES:
        raise Conflict(
            EmployerError.INVALID_TRANSITION,
            _("This action is not possible while the status is %(status)s.")
            % {"status": organisation.get_status_display()},
            details={"from": organisation.status, "to": Status.SUBMITTED},
        )
    now = timezone.now()
    organisation.submitted_at = now
    organisation.due_at = sla.due_at_for(organisation.office, now)
    change = move(organisation, to=Status.SUBMITTED, actor=actor)
    audit_record(
        actor=actor,
        action=AuditAction.EMPLOYER_RESUBMITTED,
        obj=organisation,
        office=organisation.office,
        ip_address=ip_address,
    )
    notices.organisation_notify(organisation=organisation, event="submitted", change=change)


# --- Decisions by the office -----------------------------------------------------------------


def _locked_for_staff(actor: Any, organisation_id: Any) -> Organisation:
    if not can_decide(actor):
        raise PermissionDenied(
            EmployerError.FORBIDDEN, _("Only office operators can verify employers.")
        )
    try:
        organisation = (
            Organisation.objects.select_for_update()
            .select_related("office")
            .get(pk=int(organisation_id))
        )
    except (Organisation.DoesNotExist, TypeError, ValueError):
        raise not_found() from None
    if organisation.office_id != actor.office_id:
        # Another office's organisation: answer as if it did not exist.
        raise not_found()
    return organisation


def _decided(organisation: Organisation, actor: Any, note: str) -> None:
    organisation.decided_at = timezone.now()
    organisation.decided_by = actor
    organisation.decision_note = note.strip()


def organisation_verify(
    *, actor: Any, organisation_id: Any, note: str = "", ip_address: str | None = None
) -> Organisation:
    with transaction.atomic():
        organisation = _locked_for_staff(actor, organisation_id)
        _decided(organisation, actor, note)
        organisation.verified_at = organisation.decided_at
        change = move(organisation, to=Status.VERIFIED, actor=actor, note=note.strip())
        audit_record(
            actor=actor,
            action=AuditAction.EMPLOYER_VERIFIED,
            obj=organisation,
            office=organisation.office,
            ip_address=ip_address,
        )
        notices.organisation_notify(organisation=organisation, event="verified", change=change)
    return organisation


def organisation_return(
    *,
    actor: Any,
    organisation_id: Any,
    items: Sequence[ReturnItemInput],
    note: str = "",
    ip_address: str | None = None,
) -> Organisation:
    """Send the registration back with at least one (part, what to fix) pair."""
    cleaned: dict[str, str] = {}
    for item in items:
        text = " ".join((item.text or "").split())
        if item.field not in ReturnField.values or not text:
            raise DomainError(
                EmployerError.INVALID_RETURN_ITEM,
                _("For each part you send back, say what the employer must fix."),
            )
        cleaned.setdefault(item.field, text)
    if not cleaned:
        raise DomainError(
            EmployerError.RETURN_ITEMS_REQUIRED,
            _("Choose at least one part and say what the employer must fix."),
        )
    with transaction.atomic():
        organisation = _locked_for_staff(actor, organisation_id)
        _decided(organisation, actor, note)
        change = move(organisation, to=Status.NEEDS_CHANGES, actor=actor, note=note.strip())
        OrganisationReturnItem.objects.bulk_create(
            OrganisationReturnItem(
                organisation=organisation, status_change=change, field=field, text=text
            )
            for field, text in cleaned.items()
        )
        audit_record(
            actor=actor,
            action=AuditAction.EMPLOYER_RETURNED,
            obj=organisation,
            office=organisation.office,
            ip_address=ip_address,
            data={"fields": sorted(cleaned)},
        )
        notices.organisation_notify(organisation=organisation, event="returned", change=change)
    return organisation


def organisation_reject(
    *,
    actor: Any,
    organisation_id: Any,
    reason: str,
    note: str = "",
    ip_address: str | None = None,
) -> Organisation:
    if reason not in RejectReason.values:
        raise DomainError(
            EmployerError.INVALID_REJECT_REASON, _("Choose a reason for the rejection.")
        )
    if reason == RejectReason.OTHER and not note.strip():
        raise DomainError(
            EmployerError.REJECT_NOTE_REQUIRED,
            _("Explain the reason for the rejection in the note."),
        )
    with transaction.atomic():
        organisation = _locked_for_staff(actor, organisation_id)
        _decided(organisation, actor, note)
        organisation.reject_reason = reason
        change = move(organisation, to=Status.REJECTED, actor=actor, note=note.strip())
        audit_record(
            actor=actor,
            action=AuditAction.EMPLOYER_REJECTED,
            obj=organisation,
            office=organisation.office,
            ip_address=ip_address,
            data={"reason": reason},
        )
        notices.organisation_notify(organisation=organisation, event="rejected", change=change)
    return organisation


DECISIONS = ("verify", "return", "reject")


def organisation_decide(
    *,
    actor: Any,
    organisation_id: Any,
    decision: str,
    note: str = "",
    items: Sequence[ReturnItemInput] = (),
    reason: str = "",
    ip_address: str | None = None,
) -> Organisation:
    """One entry point for the three decisions (the API's ``operator_employer_decide``)."""
    if decision == "verify":
        return organisation_verify(
            actor=actor, organisation_id=organisation_id, note=note, ip_address=ip_address
        )
    if decision == "return":
        return organisation_return(
            actor=actor,
            organisation_id=organisation_id,
            items=items,
            note=note,
            ip_address=ip_address,
        )
    if decision == "reject":
        return organisation_reject(
            actor=actor,
            organisation_id=organisation_id,
            reason=reason,
            note=note,
            ip_address=ip_address,
        )
    raise DomainError(EmployerError.INVALID_DECISION, _("Choose verify, return or reject."))


# --- Members ----------------------------------------------------------------------------------


def has_confirmed_totp(user: Any) -> bool:
    return any(True for _device in devices_for_user(user, confirmed=True))


def _owner_locked(actor: Any) -> tuple[Membership, Organisation]:
    membership, organisation = _membership_locked(actor)
    if not membership.is_owner:
        raise PermissionDenied(
            EmployerError.OWNER_ONLY, _("Only the owner of the organisation can do this.")
        )
    if not has_confirmed_totp(actor):
        raise PermissionDenied(
            EmployerError.OTP_SETUP_REQUIRED,
            _("Owners must set up two-step verification first (an authenticator app)."),
        )
    return membership, organisation


def member_invite(
    *, actor: Any, email: str, full_name: str = "", ip_address: str | None = None
) -> Membership:
    """The owner adds a colleague: an employer account in the organisation is created and
    a link to choose a password is emailed (through the outbox)."""
    email = get_user_model().objects.normalize_email((email or "").strip()).lower()
    try:
        validate_email(email)
    except ValidationError:
        raise _field_error(
            "invalid_email", "email", _("Write the email address like nama@contoh.com.")
        ) from None
    taken = _field_error(
        EmployerError.EMAIL_TAKEN,
        "email",
        _("An account with this email already exists; one account belongs to one organisation."),
    )
    with transaction.atomic():
        _owner_membership, organisation = _owner_locked(actor)
        if organisation.status == Status.REJECTED:
            raise Conflict(
                EmployerError.NOT_EDITABLE, _("A rejected registration cannot add members.")
            )
        if User.objects.filter(email__iexact=email).exists():
            raise taken
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    email=email,
                    password=None,  # unusable until they follow the emailed link
                    full_name=" ".join((full_name or "").split()),
                    role=Role.EMPLOYER,
                )
        except IntegrityError as exc:
            raise taken from exc
        membership = Membership.objects.create(
            organisation=organisation, user=user, role=MemberRole.MEMBER, invited_by=actor
        )
        audit_record(
            actor=actor,
            action=AuditAction.EMPLOYER_MEMBER_INVITED,
            obj=organisation,
            office=organisation.office,
            ip_address=ip_address,
            data={"email": email, "membership": membership.pk},
        )
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        notices.member_invitation_notify(
            membership=membership,
            set_password_path=reverse("accounts:password_reset_confirm", args=[uid, token]),
        )
    return membership


def member_remove(*, actor: Any, membership_id: Any, ip_address: str | None = None) -> Membership:
    """The owner removes a colleague: the account is deactivated and its tokens revoked
    (it cannot join another organisation: one account, one organisation)."""
    with transaction.atomic():
        _owner_membership, organisation = _owner_locked(actor)
        try:
            membership = (
                Membership.objects.select_for_update()
                .select_related("user")
                .get(pk=int(membership_id), organisation=organisation, removed_at__isnull=True)
            )
        except (Membership.DoesNotExist, TypeError, ValueError):
            raise DomainError(
                EmployerError.MEMBER_NOT_FOUND,
                _("This person is not a member of your organisation."),
                status=404,
            ) from None
        if membership.is_owner:
            raise DomainError(EmployerError.CANNOT_REMOVE_OWNER, _("The owner cannot be removed."))
        now = timezone.now()
        membership.removed_at = now
        membership.save(update_fields=["removed_at"])
        user = membership.user
        user.is_active = False
        user.save(update_fields=["is_active"])
        ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)
        audit_record(
            actor=actor,
            action=AuditAction.EMPLOYER_MEMBER_REMOVED,
            obj=organisation,
            office=organisation.office,
            ip_address=ip_address,
            data={"email": user.email, "membership": membership.pk},
        )
    return membership
