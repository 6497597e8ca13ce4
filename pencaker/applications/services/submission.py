"""Every write to an AK/1 application: one service per business action.

Each service runs in one transaction, locks the application row (``select_for_update``)
so two operators cannot act on it at once, checks the transition table, writes the
history row and the audit row, and schedules the email only after commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.accounts.models import Role, User
from pencaker.accounts.permissions import can_decide
from pencaker.applications import intake, notices, request_types, sla
from pencaker.applications.choices import DECIDED_STATUSES, OPEN_STATUSES, ApplicationType, Status
from pencaker.applications.errors import ApplicationErrorCode
from pencaker.applications.models import Application
from pencaker.applications.workflow import move
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from pencaker.core.tracking import tracking_number
from pencaker.offices.models import Office

MAX_KEY_LENGTH = 100


@dataclass(frozen=True)
class ReturnItemInput:
    item: str
    reason: str
    text: str = ""


def _notify(application: Application, event: str, change: Any) -> None:
    # Written to the outbox inside this transaction; delivered after commit, with retries.
    notices.application_notify(application=application, event=event, change_id=change.pk)


def _tracking_number(now: Any) -> str:
    return tracking_number("AK1", now)


def _locked(application_id: int) -> Application:
    try:
        return (
            Application.objects.select_for_update().select_related("office").get(pk=application_id)
        )
    except (Application.DoesNotExist, ValueError, TypeError):
        raise NotFound(
            ApplicationErrorCode.NOT_FOUND, _("This application was not found.")
        ) from None


def _locked_for_staff(actor: User, application_id: int) -> Application:
    if not can_decide(actor):
        raise PermissionDenied(
            ApplicationErrorCode.FORBIDDEN, _("Only office operators can do this.")
        )
    application = _locked(application_id)
    if application.office_id != actor.office_id:
        # Another office's application: answer as if it did not exist.
        raise NotFound(ApplicationErrorCode.NOT_FOUND, _("This application was not found."))
    return application


def _locked_for_applicant(actor: User, application_id: int) -> Application:
    application = _locked(application_id)
    if application.applicant_id != getattr(actor, "pk", None):
        raise NotFound(ApplicationErrorCode.NOT_FOUND, _("This application was not found."))
    return application


def _require_decider(application: Application, actor: User) -> None:
    """Only the operator who claimed it (or an admin dinas of the office) decides."""
    if application.status in DECIDED_STATUSES:
        raise Conflict(
            ApplicationErrorCode.ALREADY_DECIDED,
            _("This application has already been decided (%(status)s). Reload the page.")
            % {"status": application.get_status_display()},
        )
    if application.status != Status.IN_REVIEW:
        raise Conflict(
            ApplicationErrorCode.INVALID_TRANSITION,
            _("Claim this application before deciding. Its status is: %(status)s.")
            % {"status": application.get_status_display()},
            details={"from": application.status},
        )
    if application.claimed_by_id != actor.pk and actor.role != Role.ADMIN_DINAS:
        raise Conflict(
            ApplicationErrorCode.CLAIMED_BY_OTHER,
            _("Another operator is checking this application."),
        )


# An operator at the counter has checked the citizen's KTP in person; the email is proven
# when the citizen first uses the set-password link (see assisted.py).
ASSISTED_WAIVED_ITEMS = frozenset({"email_verified"})


def _checklist_or_refuse(applicant: User, *, assisted: bool = False) -> None:
    checklist = intake.applicant_checklist(applicant)
    if assisted:
        checklist = intake.Checklist(
            [i for i in checklist.missing if i.code not in ASSISTED_WAIVED_ITEMS]
        )
    if not checklist.is_complete:
        raise DomainError(
            ApplicationErrorCode.CHECKLIST_INCOMPLETE,
            _("Your request cannot be sent yet. Please complete: %(items)s.")
            % {"items": "; ".join(i.label for i in checklist.missing)},
            details=checklist.as_details(),
        )


def _freeze(application: Application, *, profile: Any = None) -> None:
    application.snapshot = intake.profile_snapshot(application.applicant, profile=profile)
    application.documents = intake.documents_snapshot(application.applicant)


def application_submit(
    *,
    actor: User,
    type: str = ApplicationType.NEW,
    idempotency_key: str = "",
    applicant: User | None = None,
    ip_address: str | None = None,
) -> tuple[Application, bool]:
    """Submit an AK/1 request. Returns ``(application, created)``.

    The same ``idempotency_key`` from the same applicant always returns the first
    application (double click, browser retry, API retry), even when the first call is
    still committing: the applicant's user row is locked so such calls run one after the
    other, and the unique constraints catch anything that slips past.

    ``applicant`` differs from ``actor`` only for assisted registration at the counter.
    """
    applicant = applicant or actor
    idempotency_key = (idempotency_key or "").strip()
    if len(idempotency_key) > MAX_KEY_LENGTH:
        raise DomainError(
            ApplicationErrorCode.INVALID_IDEMPOTENCY_KEY,
            _("The Idempotency-Key is too long (at most 100)."),
        )
    if type not in ApplicationType.values:
        raise DomainError(ApplicationErrorCode.INVALID_TYPE, _("Choose a type of request."))
    assisted = applicant.pk != getattr(actor, "pk", None)
    if assisted and not can_decide(actor):
        raise PermissionDenied(
            ApplicationErrorCode.FORBIDDEN, _("Only office operators can do this.")
        )
    if applicant.role != Role.JOB_SEEKER:
        raise PermissionDenied(
            ApplicationErrorCode.FORBIDDEN, _("Only job seekers can request an AK/1 card.")
        )
    for attempt in range(TRACKING_ATTEMPTS):
        try:
            with transaction.atomic():
                return _submit_locked(
                    actor=actor,
                    applicant=applicant,
                    type=type,
                    idempotency_key=idempotency_key,
                    assisted=assisted,
                    ip_address=ip_address,
                )
        except IntegrityError as exc:
            if _tracking_number_taken(exc) and attempt + 1 < TRACKING_ATTEMPTS:
                continue  # the whole submission again, with a new random number
            # A concurrent call won the race (only possible where the row lock is a no-op).
            existing = _existing_for_key(applicant, idempotency_key)
            if existing is not None:
                return existing, False
            raise _already_open() from None
    raise AssertionError("unreachable")  # pragma: no cover


# The tracking number is random (32^8 per month): instead of asking before every insert
# whether it is taken (a SELECT on every submission), the unique constraint refuses the
# rare repeat and the submission runs again with a new number (issue 18).
TRACKING_ATTEMPTS = 5


def _tracking_number_taken(exc: IntegrityError) -> bool:
    return "tracking_number" in str(exc)


def _existing_for_key(applicant: User, key: str) -> Application | None:
    if not key:
        return None
    return Application.objects.filter(applicant=applicant, idempotency_key=key).first()


def _already_open() -> Conflict:
    return Conflict(
        ApplicationErrorCode.ALREADY_OPEN,
        _("You already have an AK/1 request in progress. Open it to see its status."),
    )


def _submit_locked(
    *,
    actor: User,
    applicant: User,
    type: str,
    idempotency_key: str,
    assisted: bool,
    ip_address: str | None,
) -> tuple[Application, bool]:
    # The lock only serialises calls for this applicant: fetch the key, not the whole row.
    get_user_model().objects.select_for_update().filter(pk=applicant.pk).values_list(
        "pk", flat=True
    ).first()
    # One read answers both questions: was this key used, and is a request still open?
    same_key_or_open = Q(status__in=OPEN_STATUSES)
    if idempotency_key:
        same_key_or_open |= Q(idempotency_key=idempotency_key)
    earlier = list(
        Application.objects.select_related("office").filter(same_key_or_open, applicant=applicant)
    )
    for existing in earlier:
        if idempotency_key and existing.idempotency_key == idempotency_key:
            return existing, False
    if earlier:
        raise _already_open()
    request_types.application_type_check(applicant=applicant, type=type)
    _checklist_or_refuse(applicant, assisted=assisted)
    # One read gives the office (with the profile's select_related) and the profile that
    # is frozen below; reading each separately cost three more queries per submission.
    profile = intake.applicant_profile(applicant)
    office: Office | None = getattr(profile, "office", None)
    if office is None:
        raise DomainError(
            ApplicationErrorCode.NO_OFFICE,
            _("No office serves the address in your profile yet. Check your address."),
        )
    if assisted and office.pk != actor.office_id:
        raise PermissionDenied(
            ApplicationErrorCode.FORBIDDEN, _("This citizen lives in another office's area.")
        )
    now = timezone.now()
    application = Application(
        applicant=applicant,
        office=office,
        type=type,
        status=Status.DRAFT,
        idempotency_key=idempotency_key,
        assisted_by=actor if assisted else None,
        submitted_at=now,
        due_at=sla.initial_due_at(office, now),
    )
    application.tracking_number = _tracking_number(now)
    _freeze(application, profile=profile)
    # The draft is never saved on its own: the transition saves it (one INSERT, not an
    # INSERT and then an UPDATE of the same wide row) and records draft -> submitted.
    change = move(application, to=Status.SUBMITTED, actor=actor)
    audit_record(
        actor=actor,
        action=AuditAction.APPLICATION_SUBMITTED,
        obj=application,
        office=office,
        ip_address=ip_address,
        data={"type": type, "assisted": assisted, "documents": len(application.documents)},
    )
    _notify(application, "submitted", change)
    return application, True


def application_withdraw(*, actor: User, application_id: int, note: str = "") -> Application:
    with transaction.atomic():
        application = _locked_for_applicant(actor, application_id)
        if application.status == Status.NEEDS_CHANGES:
            sla.pause_end(application, timezone.now())
        move(
            application,
            to=Status.WITHDRAWN,
            actor=actor,
            note=note,
            expected_from=[Status.SUBMITTED, Status.NEEDS_CHANGES],
        )
        audit_record(
            actor=actor,
            action=AuditAction.APPLICATION_WITHDRAWN,
            obj=application,
            office=application.office,
        )
    return application


def application_resubmit(
    *, actor: User, application_id: int, ip_address: str | None = None
) -> Application:
    """After changes: check the checklist again, freeze anew, restart the SLA clock."""
    with transaction.atomic():
        application = _locked_for_applicant(actor, application_id)
        if application.status != Status.NEEDS_CHANGES:
            raise Conflict(
                ApplicationErrorCode.INVALID_TRANSITION,
                _("This action is not possible while the status is: %(status)s.")
                % {"status": application.get_status_display()},
                details={"from": application.status, "to": Status.SUBMITTED},
            )
        _checklist_or_refuse(application.applicant)
        _freeze(application)
        sla.pause_end(application, timezone.now())
        change = move(
            application,
            to=Status.SUBMITTED,
            actor=actor,
            expected_from=[Status.NEEDS_CHANGES],
        )
        audit_record(
            actor=actor,
            action=AuditAction.APPLICATION_RESUBMITTED,
            obj=application,
            office=application.office,
            ip_address=ip_address,
        )
        _notify(application, "resubmitted", change)
    return application
