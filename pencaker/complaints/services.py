"""Every write to a complaint: one service per business action (ADR 19).

Each staff service locks the complaint row (``select_for_update``), checks the transition
table, writes the history row (with the note the complainant reads) and the audit row, and
queues the message to the complainant's contact in the same transaction (sent after
commit). The staff member a complaint names is treated as if it did not exist for them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.accounts.models import STAFF_ROLES, Role, User
from pencaker.accounts.permissions import DECIDING_ROLES
from pencaker.accounts.phone import phone_normalize
from pencaker.applications.choices import ApplicationType
from pencaker.applications.models import Application
from pencaker.applications.services import application_submit
from pencaker.cards.selectors import cards_for_office
from pencaker.complaints import deadlines, notices
from pencaker.complaints.choices import (
    STAFF_CHANNELS,
    Category,
    Channel,
    ContactChannel,
    DeclineReason,
    Privacy,
    Status,
    Tier,
)
from pencaker.complaints.errors import ComplaintErrorCode as E
from pencaker.complaints.links import complaint_secret_matches
from pencaker.complaints.models import Complaint, ComplaintAttachment, ComplaintSettings
from pencaker.complaints.workflow import move
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from pencaker.core.text import has_forbidden_characters, name_clean, text_clean
from pencaker.core.tracking import tracking_number
from pencaker.documents.checks import check_upload, sanitise_filename
from pencaker.offices.models import Office

logger = logging.getLogger(__name__)

MAX_ATTACHMENTS = 3
MAX_KEY_LENGTH = 100
MAX_TEXT = 5000
MIN_TEXT = 10
#: The file check of the documents app (every kind but the photo is checked alike).
ATTACHMENT_CHECK_KIND = "complaint_attachment"
#: Who verifies, declines, assigns, answers and escalates: the complaints officer and the
#: office administrator. The assignee may answer what it was given.
HANDLING_ROLES: frozenset[str] = frozenset({Role.COMPLAINTS_OFFICER, Role.ADMIN_DINAS})
#: Who enters a complaint received at the counter, by phone, letter …
ENTRY_ROLES: frozenset[str] = DECIDING_ROLES | {Role.COMPLAINTS_OFFICER}


# --- the secret link --------------------------------------------------------------------
def new_form_key() -> str:
    """A key for the web form's hidden field: a double click sends one complaint."""
    return uuid.uuid4().hex


def complaint_for_complainant(*, number: str, secret: str) -> Complaint:
    """The complaint with this number whose secret matches (404 alike otherwise)."""
    complaint = (
        Complaint.objects.select_related("office")
        .filter(tracking_number=(number or "").strip().upper())
        .first()
    )
    if complaint is None or not complaint_secret_matches(complaint, secret):
        raise NotFound(
            E.NOT_FOUND, _("No complaint has this number and secret. Check both and try again.")
        )
    return complaint


# --- settings ---------------------------------------------------------------------------
def complaint_settings_update(*, actor: User, office: Office, **days: int) -> ComplaintSettings:
    """The office administrator sets the office's complaint deadlines."""
    if actor.role != Role.ADMIN_DINAS or actor.office_id != office.pk:
        raise PermissionDenied(E.FORBIDDEN, _("Only the office administrator can do this."))
    allowed = {f.name for f in ComplaintSettings._meta.fields} - {"id", "office"}
    with transaction.atomic():
        row, _created = ComplaintSettings.objects.select_for_update().get_or_create(office=office)
        before = {name: getattr(row, name) for name in allowed}
        for name, value in days.items():
            if name not in allowed:
                raise DomainError(E.INVALID_SETTINGS, _("Unknown setting."))
            setattr(row, name, value)
        try:
            row.full_clean(exclude=["office"])
        except ValidationError as exc:
            raise DomainError(
                E.INVALID_SETTINGS,
                _("Check the numbers of days."),
                fields={k: [str(m) for m in v] for k, v in exc.message_dict.items()},
            ) from exc
        row.save()
        audit_record(
            actor=actor,
            action=AuditAction.COMPLAINT_SETTINGS_CHANGED,
            obj=row,
            office=office,
            data={"before": before, "after": {name: getattr(row, name) for name in allowed}},
        )
    return row


# --- submission -------------------------------------------------------------------------
@dataclass(frozen=True)
class ComplaintInput:
    office: Office
    category: str
    text: str
    privacy: str = Privacy.ANONYMOUS
    name: str = ""
    contact_channel: str = ""
    contact: str = ""
    channel: str = Channel.WEB
    application: Application | None = None
    named_staff_id: int | None = None


def _invalid(field: str, message: str) -> DomainError:
    return DomainError(E.INVALID_COMPLAINT, message, fields={field: [message]})


def _clean_input(data: ComplaintInput) -> ComplaintInput:
    if data.category not in Category.values:
        raise _invalid("category", _("Choose what the complaint is about."))
    if data.privacy not in Privacy.values:
        raise _invalid("privacy", _("Choose anonymous or confidential."))
    if data.channel not in Channel.values:
        raise _invalid("channel", _("Choose how the complaint was received."))
    for field in ("text", "name", "contact"):
        if has_forbidden_characters(getattr(data, field) or ""):
            raise _invalid(field, _("Remove the invisible or control characters."))
    text = text_clean(data.text, multiline=True)
    if len(text) < MIN_TEXT:
        raise _invalid("text", _("Describe the problem in at least 10 characters."))
    if len(text) > MAX_TEXT:
        raise _invalid("text", _("Write at most 5000 characters."))
    name = name_clean(data.name or "")[:150]
    if data.privacy == Privacy.ANONYMOUS:
        name = ""
    elif not name:
        raise _invalid(
            "name",
            _("A confidential complaint needs your name (only the complaints officer sees it)."),
        )
    contact_channel = data.contact_channel or ""
    if contact_channel not in ContactChannel.values:
        raise _invalid("contact_channel", _("Choose how we send you news."))
    contact = text_clean(data.contact or "")
    if contact_channel == ContactChannel.EMAIL:
        try:
            validate_email(contact)
        except ValidationError:
            raise _invalid("contact", _("Write the email address like nama@contoh.com.")) from None
        contact = contact.lower()
    elif contact_channel in (ContactChannel.SMS, ContactChannel.WHATSAPP):
        try:
            contact = phone_normalize(contact)
        except ValidationError:
            raise _invalid("contact", _("Write the mobile number like 081234567890.")) from None
    else:
        contact = ""
    return ComplaintInput(
        office=data.office,
        category=data.category,
        text=text,
        privacy=data.privacy,
        name=name,
        contact_channel=contact_channel,
        contact=contact,
        channel=data.channel,
        application=data.application,
        named_staff_id=data.named_staff_id,
    )


def _fingerprint(data: ComplaintInput) -> str:
    payload = [
        data.office.pk,
        data.category,
        data.text,
        data.privacy,
        data.name,
        data.contact_channel,
        data.contact,
        data.channel,
        getattr(data.application, "pk", None),
    ]
    return hashlib.sha256(json.dumps(payload).encode()).hexdigest()


def _replay(key_hash: str, fingerprint: str) -> Complaint | None:
    if not key_hash:
        return None
    existing = (
        Complaint.objects.select_related("office").filter(idempotency_key_hash=key_hash).first()
    )
    if existing is None:
        return None
    if existing.request_fingerprint != fingerprint:
        # The same key with another complaint: never hand out the first one's secret.
        raise Conflict(
            E.IDEMPOTENCY_KEY_REUSED,
            _("This Idempotency-Key was already used for another complaint."),
        )
    return existing


@dataclass(frozen=True)
class _Stored:
    name: str
    sha256: str
    content_type: str
    size: int
    original_filename: str


def _store_attachments(files: Sequence[Any]) -> list[_Stored]:
    if len(files) > MAX_ATTACHMENTS:
        raise DomainError(
            E.TOO_MANY_ATTACHMENTS,
            _("Attach at most 3 files."),
            fields={"attachments": [_("Attach at most 3 files.")]},
        )
    stored: list[_Stored] = []
    try:
        for uploaded in files:
            try:
                checked = check_upload(kind=ATTACHMENT_CHECK_KIND, uploaded_file=uploaded)
            except DomainError as exc:
                raise DomainError(
                    E.INVALID_ATTACHMENT,
                    exc.message,
                    details={"reason": exc.code},
                    fields={"attachments": [exc.message]},
                ) from exc
            now = timezone.now()
            name = default_storage.save(
                f"complaints/{now:%Y}/{now:%m}/{uuid.uuid4().hex}.{checked.extension}",
                ContentFile(checked.data),
            )
            stored.append(
                _Stored(
                    name=name,
                    sha256=hashlib.sha256(checked.data).hexdigest(),
                    content_type=checked.content_type,
                    size=len(checked.data),
                    original_filename=sanitise_filename(getattr(uploaded, "name", "")),
                )
            )
    except Exception:
        _delete_quietly([s.name for s in stored])
        raise
    return stored


def _delete_quietly(names: Sequence[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except Exception:  # the original error matters more than a failed clean-up
            logger.exception("could not delete orphan complaint upload")


def complaint_submit(
    *,
    actor: User | None,
    data: ComplaintInput,
    attachments: Sequence[Any] = (),
    idempotency_key: str = "",
    ip_address: str | None = None,
) -> tuple[Complaint, bool]:
    """Record a complaint from the web form (``actor`` the citizen or ``None``) or entered
    by staff (``data.channel`` not web). Returns ``(complaint, created)``.

    The same Idempotency-Key with the same complaint returns the first one (a retry, a
    double click, twenty parallel calls); with another complaint it is refused. The unique
    constraint on the key's hash decides a race.
    """
    key = (idempotency_key or "").strip()
    if len(key) > MAX_KEY_LENGTH or has_forbidden_characters(key):
        raise DomainError(
            E.INVALID_IDEMPOTENCY_KEY, _("The Idempotency-Key is too long (at most 100).")
        )
    staff_entry = data.channel != Channel.WEB
    if staff_entry:
        if getattr(actor, "role", None) not in ENTRY_ROLES or (
            getattr(actor, "office_id", None) != data.office.pk
        ):
            raise PermissionDenied(E.FORBIDDEN, _("Only office staff can enter a complaint."))
        if data.channel not in STAFF_CHANNELS:
            raise _invalid("channel", _("Choose how the complaint was received."))
    elif data.named_staff_id:
        raise _invalid("named_staff", _("Only staff can name a staff member."))
    data = _clean_input(data)
    application = data.application
    if application is not None and (
        actor is None
        or application.applicant_id != actor.pk
        or application.office_id != data.office.pk
    ):
        raise _invalid("application", _("This AK/1 request was not found."))
    named_staff = None
    if data.named_staff_id:
        named_staff = User.objects.filter(
            pk=data.named_staff_id, office=data.office, role__in=STAFF_ROLES
        ).first()
        if named_staff is None:
            raise _invalid("named_staff", _("Choose a staff member of this office."))
    key_hash = hashlib.sha256(key.encode()).hexdigest() if key else ""
    fingerprint = _fingerprint(data)
    existing = _replay(key_hash, fingerprint)
    if existing is not None:
        return existing, False
    stored = _store_attachments(list(attachments))
    try:
        with transaction.atomic():
            complaint = _create(
                actor=actor,
                data=data,
                named_staff=named_staff,
                key_hash=key_hash,
                fingerprint=fingerprint,
                stored=stored,
                ip_address=ip_address,
            )
    except IntegrityError:
        _delete_quietly([s.name for s in stored])
        existing = _replay(key_hash, fingerprint)
        if existing is None:
            raise
        return existing, False
    except Exception:
        _delete_quietly([s.name for s in stored])
        raise
    return complaint, True


def _create(
    *,
    actor: User | None,
    data: ComplaintInput,
    named_staff: User | None,
    key_hash: str,
    fingerprint: str,
    stored: list[_Stored],
    ip_address: str | None,
) -> Complaint:
    now = timezone.now()
    holder = None
    if data.application is not None:
        holder = data.application.applicant
    elif (
        actor is not None and actor.role == Role.JOB_SEEKER and data.category == Category.CARD_DATA
    ):
        holder = actor
    complaint = Complaint(
        office=data.office,
        secret_nonce=secrets.token_hex(16),
        channel=data.channel,
        category=data.category,
        privacy=data.privacy,
        name=data.name,
        contact_channel=data.contact_channel,
        contact=data.contact,
        text=data.text,
        application=data.application,
        holder=holder,
        named_staff=named_staff,
        entered_by=actor if data.channel != Channel.WEB else None,
        status=Status.RECEIVED,
        received_at=now,
        verify_due_at=deadlines.verify_due(data.office, now),
        idempotency_key_hash=key_hash,
        request_fingerprint=fingerprint,
    )
    for _attempt in range(5):
        complaint.tracking_number = tracking_number("ADU", now)
        if not Complaint.objects.filter(tracking_number=complaint.tracking_number).exists():
            break
    complaint.save()
    change = complaint.history.create(
        from_status="",
        to_status=Status.RECEIVED,
        actor=actor if getattr(actor, "pk", None) else None,
    )
    for s in stored:
        ComplaintAttachment.objects.create(
            complaint=complaint,
            file=s.name,
            sha256=s.sha256,
            content_type=s.content_type,
            size=s.size,
            original_filename=s.original_filename,
        )
    # No identity in the audit row: the actor column is staff (counter) or empty.
    audit_record(
        actor=actor if data.channel != Channel.WEB else None,
        action=AuditAction.COMPLAINT_SUBMITTED,
        obj=complaint,
        office=data.office,
        data={"channel": data.channel, "category": data.category},
    )
    notices.complaint_notify(complaint, event="received", change=change)
    return complaint


# --- staff access -----------------------------------------------------------------------
def _not_found() -> NotFound:
    return NotFound(E.NOT_FOUND, _("This complaint was not found."))


def staff_can_reach(actor: Any, complaint: Complaint) -> bool:
    """Staff of the complaint's office, except the staff member it names."""
    return bool(
        getattr(actor, "role", None) in STAFF_ROLES
        and actor.office_id == complaint.office_id
        and complaint.named_staff_id != actor.pk
    )


def _locked_for_staff(actor: User, complaint_id: int, *, roles: frozenset[str]) -> Complaint:
    try:
        complaint = (
            Complaint.objects.select_for_update().select_related("office").get(pk=complaint_id)
        )
    except (Complaint.DoesNotExist, ValueError, TypeError):
        raise _not_found() from None
    if not staff_can_reach(actor, complaint):
        raise _not_found()
    if actor.role not in roles and complaint.assigned_to_id != actor.pk:
        raise PermissionDenied(E.FORBIDDEN, _("Only the complaints officer can do this."))
    return complaint


def _audit(actor: Any, action: AuditAction, complaint: Complaint, **data: Any) -> None:
    audit_record(actor=actor, action=action, obj=complaint, office=complaint.office, data=data)


def complaint_verify(
    *, actor: User, complaint_id: int, tier: str, named_staff_id: int | None = None
) -> Complaint:
    """Accept the complaint and give it a tier: the answer deadline starts now."""
    if tier not in Tier.values:
        raise DomainError(
            E.INVALID_TIER, _("Choose a tier."), fields={"tier": [_("Choose a tier.")]}
        )
    with transaction.atomic():
        complaint = _locked_for_staff(actor, complaint_id, roles=HANDLING_ROLES)
        if actor.role not in HANDLING_ROLES:
            raise PermissionDenied(E.FORBIDDEN, _("Only the complaints officer can do this."))
        if named_staff_id:
            named = User.objects.filter(
                pk=named_staff_id, office_id=complaint.office_id, role__in=STAFF_ROLES
            ).first()
            if named is None or named.pk == actor.pk:
                raise DomainError(
                    E.INVALID_ASSIGNMENT,
                    _("Choose a staff member of this office."),
                    fields={"named_staff": [_("Choose a staff member of this office.")]},
                )
            complaint.named_staff = named
        now = timezone.now()
        complaint.tier = tier
        complaint.verified_at = now
        complaint.answer_due_at = deadlines.answer_due(complaint.office, now, tier)
        change = move(
            complaint,
            to=Status.VERIFIED,
            actor=actor,
            public_note=_("Your complaint was accepted. It will be answered by %(due)s.")
            % {"due": deadlines.format_due(complaint.answer_due_at)},
        )
        _audit(actor, AuditAction.COMPLAINT_VERIFIED, complaint, tier=tier)
        notices.complaint_notify(complaint, event="verified", change=change)
    return complaint


def complaint_decline(
    *,
    actor: User,
    complaint_id: int,
    reason: str,
    note: str = "",
    duplicate_of_number: str = "",
) -> Complaint:
    """Decline: referred (naming the agency), not a complaint, or a duplicate of …"""
    if reason not in DeclineReason.values:
        raise DomainError(
            E.INVALID_DECLINE, _("Choose a reason."), fields={"reason": [_("Choose a reason.")]}
        )
    note = text_clean(note)[:300]
    with transaction.atomic():
        complaint = _locked_for_staff(actor, complaint_id, roles=HANDLING_ROLES)
        if actor.role not in HANDLING_ROLES:
            raise PermissionDenied(E.FORBIDDEN, _("Only the complaints officer can do this."))
        duplicate = None
        if reason == DeclineReason.REFERRED and not note:
            message = _("Name the agency the complaint is referred to.")
            raise DomainError(E.INVALID_DECLINE, message, fields={"note": [message]})
        if reason == DeclineReason.DUPLICATE:
            duplicate = (
                Complaint.objects.filter(
                    office_id=complaint.office_id,
                    tracking_number=text_clean(duplicate_of_number).upper(),
                )
                .exclude(pk=complaint.pk)
                .first()
            )
            if duplicate is None:
                message = _("Give the number of the earlier complaint of this office.")
                raise DomainError(E.INVALID_DECLINE, message, fields={"duplicate_of": [message]})
            note = note or duplicate.tracking_number
        complaint.decline_reason = reason
        complaint.decline_note = note
        complaint.duplicate_of = duplicate
        public = str(DeclineReason(reason).label)
        if note:
            public = f"{public}: {note}"
        change = move(complaint, to=Status.DECLINED, actor=actor, public_note=public)
        _audit(actor, AuditAction.COMPLAINT_DECLINED, complaint, reason=reason)
        notices.complaint_notify(complaint, event="declined", change=change)
    return complaint


def complaint_assign(
    *, actor: User, complaint_id: int, unit: str = "", assignee_id: int | None = None
) -> Complaint:
    """Give the complaint to a unit (bidang) or an officer — never to the person named."""
    unit = text_clean(unit)[:150]
    if not unit and not assignee_id:
        message = _("Choose an officer or write the unit.")
        raise DomainError(E.INVALID_ASSIGNMENT, message, fields={"unit": [message]})
    with transaction.atomic():
        complaint = _locked_for_staff(actor, complaint_id, roles=HANDLING_ROLES)
        if actor.role not in HANDLING_ROLES:
            raise PermissionDenied(E.FORBIDDEN, _("Only the complaints officer can do this."))
        assignee = None
        if assignee_id:
            if assignee_id == complaint.named_staff_id:
                message = _("The complaint is about this staff member: give it to someone else.")
                raise DomainError(E.ASSIGNEE_NAMED, message, fields={"assignee": [message]})
            assignee = User.objects.filter(
                pk=assignee_id, office_id=complaint.office_id, role__in=STAFF_ROLES, is_active=True
            ).first()
            if assignee is None:
                message = _("Choose a staff member of this office.")
                raise DomainError(E.INVALID_ASSIGNMENT, message, fields={"assignee": [message]})
        complaint.assigned_unit = unit
        complaint.assigned_to = assignee
        change = move(
            complaint,
            to=Status.ASSIGNED,
            actor=actor,
            note=unit or getattr(assignee, "full_name", ""),
            public_note=_("Your complaint is being handled."),
        )
        _audit(
            actor,
            AuditAction.COMPLAINT_ASSIGNED,
            complaint,
            unit=unit,
            assignee=getattr(assignee, "pk", None),
        )
        notices.complaint_notify(complaint, event="assigned", change=change)
    return complaint


def _answer(complaint: Complaint, *, actor: Any, answer: str, action_taken: str, now: dt.datetime):
    complaint.answer = answer
    complaint.action_taken = action_taken
    complaint.answered_at = now
    if complaint.answered_on_time is None:
        due = complaint.answer_due_at or complaint.verify_due_at
        complaint.answered_on_time = now <= due
        complaint.answer_working_days = deadlines.working_days_between(
            complaint.office, complaint.received_at, now
        )
    change = move(complaint, to=Status.ANSWERED, actor=actor, public_note=answer)
    _audit(actor, AuditAction.COMPLAINT_ANSWERED, complaint, on_time=complaint.answered_on_time)
    notices.complaint_notify(complaint, event="answered", change=change)
    return change


def complaint_answer(
    *,
    actor: User,
    complaint_id: int,
    answer: str,
    action_taken: str = "",
    publishable: bool = False,
    published_answer: str = "",
) -> Complaint:
    """The answer and what was done; optionally an anonymised answer to publish."""
    answer = text_clean(answer, multiline=True)
    action_taken = text_clean(action_taken, multiline=True)
    published_answer = text_clean(published_answer, multiline=True)
    if len(answer) < MIN_TEXT:
        message = _("Write the answer in at least 10 characters.")
        raise DomainError(E.INVALID_ANSWER, message, fields={"answer": [message]})
    if publishable and len(published_answer) < MIN_TEXT:
        message = _("Write the anonymised answer to publish (no names).")
        raise DomainError(E.INVALID_ANSWER, message, fields={"published_answer": [message]})
    with transaction.atomic():
        complaint = _locked_for_staff(actor, complaint_id, roles=HANDLING_ROLES)
        complaint.publishable = publishable
        complaint.published_answer = published_answer if publishable else ""
        _answer(
            complaint, actor=actor, answer=answer, action_taken=action_taken, now=timezone.now()
        )
    return complaint


def complaint_extend(*, actor: User, complaint_id: int, reason: str) -> Complaint:
    """Extend the answer deadline once by the tier's days, with a reason the complainant
    reads."""
    reason = text_clean(reason, multiline=True)
    if len(reason) < MIN_TEXT:
        message = _("Explain the extension in at least 10 characters.")
        raise DomainError(E.INVALID_ANSWER, message, fields={"reason": [message]})
    with transaction.atomic():
        complaint = _locked_for_staff(actor, complaint_id, roles=HANDLING_ROLES)
        if actor.role not in HANDLING_ROLES:
            raise PermissionDenied(E.FORBIDDEN, _("Only the complaints officer can do this."))
        if complaint.extension_reason:
            raise Conflict(E.ALREADY_EXTENDED, _("The deadline was already extended once."))
        if complaint.answer_due_at is None or not complaint.is_open:
            raise Conflict(
                E.ALREADY_EXTENDED, _("Only a verified, open complaint can be extended.")
            )
        complaint.extension_reason = reason
        complaint.answer_due_at = deadlines.answer_due(
            complaint.office, complaint.answer_due_at, complaint.tier
        )
        complaint.save(update_fields=["extension_reason", "answer_due_at"])
        _audit(actor, AuditAction.COMPLAINT_EXTENDED, complaint)
        notices.complaint_notify(complaint, event="extended", change=None)
    return complaint


def complaint_escalate(*, actor: User | None, complaint_id: int, note: str = "") -> Complaint:
    """To the head of office (``actor=None``: the daily job, for an overdue complaint)."""
    with transaction.atomic():
        if actor is None:
            complaint = (
                Complaint.objects.select_for_update().select_related("office").get(pk=complaint_id)
            )
        else:
            complaint = _locked_for_staff(actor, complaint_id, roles=HANDLING_ROLES)
            if actor.role not in HANDLING_ROLES:
                raise PermissionDenied(E.FORBIDDEN, _("Only the complaints officer can do this."))
        complaint.escalated_at = timezone.now()
        change = move(
            complaint,
            to=Status.ESCALATED,
            actor=actor,
            note=text_clean(note, multiline=True),
            public_note=_("Your complaint was passed to the head of office."),
        )
        _audit(actor, AuditAction.COMPLAINT_ESCALATED, complaint, overdue=actor is None)
        notices.complaint_notify(complaint, event="escalated", change=change)
    return complaint


# --- the complainant's replies ----------------------------------------------------------
def _locked_for_complainant(number: str, secret: str) -> Complaint:
    complaint = complaint_for_complainant(number=number, secret=secret)
    return Complaint.objects.select_for_update().select_related("office").get(pk=complaint.pk)


def complaint_confirm(*, number: str, secret: str) -> Complaint:
    """The complainant is satisfied with the answer: the complaint closes."""
    with transaction.atomic():
        complaint = _locked_for_complainant(number, secret)
        complaint.closed_at = timezone.now()
        change = move(
            complaint,
            to=Status.CLOSED,
            actor=None,
            public_note=_("You confirmed the answer. Thank you."),
        )
        _audit(None, AuditAction.COMPLAINT_CLOSED, complaint, by="complainant")
        notices.complaint_notify(complaint, event="closed", change=change)
    return complaint


def complaint_reopen(*, number: str, secret: str, reason: str) -> Complaint:
    """Once, with a reason: the answer did not solve it. The answer deadline restarts."""
    reason = text_clean(reason, multiline=True)
    if len(reason) < MIN_TEXT or len(reason) > MAX_TEXT:
        message = _("Explain in at least 10 characters why the answer did not solve it.")
        raise DomainError(E.INVALID_REPLY, message, fields={"reason": [message]})
    with transaction.atomic():
        complaint = _locked_for_complainant(number, secret)
        if complaint.reopen_count >= 1:
            raise Conflict(E.ALREADY_REOPENED, _("A complaint can be reopened only once."))
        now = timezone.now()
        complaint.reopen_count += 1
        complaint.reopen_reason = reason
        change = move(complaint, to=Status.REOPENED, actor=None, public_note=reason)
        complaint.answer_due_at = deadlines.answer_due(
            complaint.office, now, complaint.tier or Tier.NORMATIVE
        )
        complaint.save(update_fields=["answer_due_at"])
        _audit(None, AuditAction.COMPLAINT_REOPENED, complaint)
        notices.complaint_notify(complaint, event="reopened", change=change)
    return complaint


def complaint_rate(*, number: str, secret: str, rating: int, comment: str = "") -> Complaint:
    """After the answer: 1–4 (the IKM scale) with an optional comment, once."""
    if rating not in (1, 2, 3, 4):
        message = _("Choose a rating from 1 to 4.")
        raise DomainError(E.INVALID_RATING, message, fields={"rating": [message]})
    comment = text_clean(comment, multiline=True)[:1000]
    with transaction.atomic():
        complaint = _locked_for_complainant(number, secret)
        if complaint.answered_at is None or complaint.status not in (
            Status.ANSWERED,
            Status.CLOSED,
        ):
            raise Conflict(E.INVALID_RATING, _("You can rate the answer once it is given."))
        if complaint.rating is not None:
            raise Conflict(E.ALREADY_RATED, _("You have already rated this answer."))
        complaint.rating = rating
        complaint.rating_comment = comment
        complaint.rated_at = timezone.now()
        complaint.save(update_fields=["rating", "rating_comment", "rated_at"])
        _audit(None, AuditAction.COMPLAINT_RATED, complaint, rating=rating)
    return complaint


# --- card data errors -------------------------------------------------------------------
def complaint_data_change_open(
    *, actor: User, complaint_id: int, ip_address: str | None = None
) -> Application:
    """From a card data error complaint, open a data-change AK/1 request for the holder in
    one step (an assisted submission by the operator), linked to the complaint. The
    complaint is answered when the corrected card is issued (``card_fixes_sweep``)."""
    with transaction.atomic():
        complaint = _locked_for_staff(actor, complaint_id, roles=DECIDING_ROLES)
        if actor.role not in DECIDING_ROLES:
            raise PermissionDenied(E.FORBIDDEN, _("Only office operators can do this."))
        if complaint.category != Category.CARD_DATA:
            raise Conflict(E.NOT_CARD_DATA, _("Only a card data error complaint opens a request."))
        if complaint.data_change_application_id:
            raise Conflict(E.ALREADY_LINKED, _("A data-change request is already linked."))
        if complaint.holder_id is None:
            raise Conflict(
                E.NO_HOLDER,
                _("The complaint names no card holder (it was not sent from an account)."),
            )
        if complaint.status not in (
            Status.VERIFIED,
            Status.ASSIGNED,
            Status.REOPENED,
            Status.ESCALATED,
        ):
            raise Conflict(E.NOT_CARD_DATA, _("Verify the complaint first."))
        application, _created = application_submit(
            actor=actor,
            applicant=complaint.holder,
            type=ApplicationType.DATA_CHANGE,
            idempotency_key=f"complaint:{complaint.tracking_number}",
            ip_address=ip_address,
        )
        complaint.data_change_application = application
        complaint.save(update_fields=["data_change_application"])
        _audit(
            actor,
            AuditAction.COMPLAINT_DATA_CHANGE_OPENED,
            complaint,
            application=application.tracking_number,
        )
    return application


def card_fixes_sweep(*, office: Office | None = None) -> int:
    """Answer every open card data error complaint whose data-change request got its card.

    Polled (the daily job, and the staff and status pages of such a complaint): the card
    issue path lives in applications, a lower app that must not call complaints (ADR 19).
    """
    candidates = Complaint.objects.filter(
        data_change_application__isnull=False,
        status__in=(Status.VERIFIED, Status.ASSIGNED, Status.REOPENED, Status.ESCALATED),
    )
    if office is not None:
        candidates = candidates.filter(office=office)
    answered = 0
    for complaint in candidates.select_related("office"):
        if complaint.data_change_application_id is None:
            continue  # excluded by the filter above
        card = (
            cards_for_office(complaint.office)
            .filter(application_id=complaint.data_change_application_id)
            .first()
        )
        if card is None:
            continue
        with transaction.atomic():
            locked = (
                Complaint.objects.select_for_update().select_related("office").get(pk=complaint.pk)
            )
            if locked.status == Status.ANSWERED or not locked.is_open:
                continue
            _answer(
                locked,
                actor=None,
                answer=_(
                    "Your card data was corrected: card %(number)s (version %(version)s) "
                    "was issued."
                )
                % {"number": card.number, "version": card.version},
                action_taken=_("Data-change request %(number)s approved.")
                % {"number": getattr(locked.data_change_application, "tracking_number", "")},
                now=timezone.now(),
            )
        answered += 1
    return answered


# --- the daily job ----------------------------------------------------------------------
@dataclass(frozen=True)
class DailyResult:
    escalated: int
    closed: int
    card_fixes: int


def complaints_daily(*, now: dt.datetime | None = None) -> DailyResult:
    """Escalate overdue complaints, close answered ones left without reply, answer card
    fixes. Running it twice changes nothing."""
    now = now or timezone.now()
    card_fixes = card_fixes_sweep()
    escalated = 0
    overdue_verify = Complaint.objects.filter(status=Status.RECEIVED, verify_due_at__lt=now)
    overdue_answer = Complaint.objects.filter(
        status__in=(Status.VERIFIED, Status.ASSIGNED, Status.REOPENED), answer_due_at__lt=now
    )
    for complaint_id in list(overdue_verify.values_list("pk", flat=True)) + list(
        overdue_answer.values_list("pk", flat=True)
    ):
        try:
            complaint_escalate(actor=None, complaint_id=complaint_id, note="overdue")
        except Conflict:
            continue  # moved meanwhile
        escalated += 1
    closed = 0
    for complaint in Complaint.objects.filter(status=Status.ANSWERED).select_related("office"):
        days = deadlines.settings_for(complaint.office).close_after_days
        if complaint.answered_at and complaint.answered_at + dt.timedelta(days=days) < now:
            with transaction.atomic():
                locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
                if locked.status != Status.ANSWERED:
                    continue
                locked.closed_at = now
                change = move(
                    locked,
                    to=Status.CLOSED,
                    actor=None,
                    public_note=_("Closed: no reply within %(days)s days of the answer.")
                    % {"days": days},
                )
                _audit(None, AuditAction.COMPLAINT_CLOSED, locked, by="no_reply")
                notices.complaint_notify(locked, event="closed", change=change)
            closed += 1
    return DailyResult(escalated=escalated, closed=closed, card_fixes=card_fixes)


def complaint_forward(*, actor: User, complaint_id: int) -> str:
    """Forward the complaint to SP4N-LAPOR! through the configured adapter (the export
    row only: no identity)."""
    # Imported here to keep the module's import list to the apps it writes to.
    from pencaker.complaints.forwarding import get_forwarder
    from pencaker.complaints.selectors import complaint_export_row

    with transaction.atomic():
        complaint = _locked_for_staff(actor, complaint_id, roles=HANDLING_ROLES)
        if actor.role not in HANDLING_ROLES:
            raise PermissionDenied(E.FORBIDDEN, _("Only the complaints officer can do this."))
        reference = get_forwarder().forward(row=complaint_export_row(complaint))
        _audit(actor, AuditAction.COMPLAINT_FORWARDED, complaint, reference=reference)
    return reference
