"""Office staff act on an application: claim, release, reassign, approve, return, reject.

Each service runs in one transaction, locks the application row, checks the transition
table, writes the history and audit rows, and queues the message in the outbox.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.accounts.models import Role, User
from pencaker.accounts.permissions import can_decide
from pencaker.applications import intake, sla, tasks
from pencaker.applications.choices import RejectReason, ReturnReason, Status
from pencaker.applications.errors import ApplicationErrorCode
from pencaker.applications.models import Application, ReturnItem
from pencaker.applications.services.submission import (
    ReturnItemInput,
    _locked_for_staff,
    _notify,
    _require_decider,
)
from pencaker.applications.workflow import move
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import Conflict, DomainError, PermissionDenied
from pencaker.core.text import text_clean
from pencaker.offices.selectors import office_return_reasons


def application_claim(*, actor: User, application_id: int) -> Application:
    with transaction.atomic():
        application = _locked_for_staff(actor, application_id)
        if application.status == Status.IN_REVIEW:
            if application.claimed_by_id == actor.pk:
                return application
            raise Conflict(
                ApplicationErrorCode.CLAIMED_BY_OTHER,
                _("Another operator is checking this application."),
            )
        application.claimed_by = actor
        application.claimed_at = timezone.now()
        move(application, to=Status.IN_REVIEW, actor=actor, expected_from=[Status.SUBMITTED])
        audit_record(
            actor=actor,
            action=AuditAction.APPLICATION_CLAIMED,
            obj=application,
            office=application.office,
        )
    return application


def application_release(*, actor: User, application_id: int, note: str = "") -> Application:
    with transaction.atomic():
        application = _locked_for_staff(actor, application_id)
        if (
            application.status == Status.IN_REVIEW
            and application.claimed_by_id != actor.pk
            and actor.role != Role.ADMIN_DINAS
        ):
            raise Conflict(
                ApplicationErrorCode.CLAIMED_BY_OTHER,
                _("Another operator is checking this application."),
            )
        application.claimed_by = None
        application.claimed_at = None
        move(
            application,
            to=Status.SUBMITTED,
            actor=actor,
            note=note,
            expected_from=[Status.IN_REVIEW],
        )
        audit_record(
            actor=actor,
            action=AuditAction.APPLICATION_RELEASED,
            obj=application,
            office=application.office,
        )
    return application


def application_reassign(*, actor: User, application_id: int, operator: User) -> Application:
    """An admin dinas hands a claimed application to another operator of the office."""
    if getattr(actor, "role", None) != Role.ADMIN_DINAS:
        raise PermissionDenied(
            ApplicationErrorCode.FORBIDDEN, _("Only the office administrator can reassign.")
        )
    with transaction.atomic():
        application = _locked_for_staff(actor, application_id)
        if not can_decide(operator, application.office_id):
            raise DomainError(
                ApplicationErrorCode.INVALID_OPERATOR, _("Choose an operator of this office.")
            )
        if application.status != Status.IN_REVIEW:
            raise Conflict(
                ApplicationErrorCode.INVALID_TRANSITION,
                _("Only an application being checked can be reassigned."),
            )
        previous = application.claimed_by_id
        application.claimed_by = operator
        application.claimed_at = timezone.now()
        application.save(update_fields=["claimed_by", "claimed_at", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.APPLICATION_REASSIGNED,
            obj=application,
            office=application.office,
            data={"from": previous, "to": operator.pk},
        )
    return application


def application_approve(*, actor: User, application_id: int, note: str = "") -> Application:
    with transaction.atomic():
        application = _locked_for_staff(actor, application_id)
        _require_decider(application, actor)
        application.decided_at = timezone.now()
        application.decided_by = actor
        application.decision_note = text_clean(note, multiline=True)
        change = move(application, to=Status.APPROVED, actor=actor, note=note)
        audit_record(
            actor=actor,
            action=AuditAction.APPLICATION_APPROVED,
            obj=application,
            office=application.office,
        )
        _notify(application, "approved", change)
        # The card is issued, rendered and signed by a background task after commit
        # (idempotent: ``application_card_issue``).
        tasks.schedule_card_issue(application.pk)
    return application


def application_return(
    *, actor: User, application_id: int, items: Sequence[ReturnItemInput], note: str = ""
) -> Application:
    """Send back for changes with at least one (item, reason) pair; the SLA clock stops."""
    with transaction.atomic():
        application = _locked_for_staff(actor, application_id)
        _require_decider(application, actor)
        allowed_items = {code for code, _label in intake.returnable_items(application)}
        reasons = {r.code: r for r in office_return_reasons(application.office)}
        cleaned: list[ReturnItemInput] = []
        seen = set()
        for entry in items:
            if entry.item not in allowed_items or entry.reason not in reasons:
                raise DomainError(
                    ApplicationErrorCode.INVALID_RETURN_ITEM, _("Choose an item and a reason.")
                )
            if entry.reason == ReturnReason.OTHER and not entry.text.strip():
                raise DomainError(
                    ApplicationErrorCode.RETURN_TEXT_REQUIRED,
                    _("Explain in the note what the applicant must fix."),
                )
            if (entry.item, entry.reason) not in seen:
                seen.add((entry.item, entry.reason))
                cleaned.append(entry)
        if not cleaned:
            raise DomainError(
                ApplicationErrorCode.RETURN_ITEMS_REQUIRED,
                _("Choose at least one item and say what the applicant must fix."),
            )
        now = timezone.now()
        application.claimed_by = None
        application.claimed_at = None
        sla.pause_start(application, now)
        change = move(application, to=Status.NEEDS_CHANGES, actor=actor, note=note)
        ReturnItem.objects.bulk_create(
            ReturnItem(
                application=application,
                status_change=change,
                item=e.item,
                reason=e.reason,
                # An office's own wording is frozen; built-in reasons stay translatable.
                reason_label=reasons[e.reason].label,
                text=text_clean(e.text, multiline=True),
            )
            for e in cleaned
        )
        audit_record(
            actor=actor,
            action=AuditAction.APPLICATION_RETURNED,
            obj=application,
            office=application.office,
            data={"items": [[e.item, e.reason] for e in cleaned]},
        )
        _notify(application, "returned", change)
    return application


def application_reject(
    *, actor: User, application_id: int, reason: str, note: str = ""
) -> Application:
    if reason not in RejectReason.values:
        raise DomainError(
            ApplicationErrorCode.INVALID_REJECT_REASON, _("Choose a reason for the rejection.")
        )
    if reason == RejectReason.OTHER and not note.strip():
        raise DomainError(
            ApplicationErrorCode.REJECT_NOTE_REQUIRED,
            _("Explain the reason for the rejection in the note."),
        )
    with transaction.atomic():
        application = _locked_for_staff(actor, application_id)
        _require_decider(application, actor)
        application.decided_at = timezone.now()
        application.decided_by = actor
        application.reject_reason = reason
        application.decision_note = text_clean(note, multiline=True)
        change = move(application, to=Status.REJECTED, actor=actor, note=note)
        audit_record(
            actor=actor,
            action=AuditAction.APPLICATION_REJECTED,
            obj=application,
            office=application.office,
            data={"reason": reason},
        )
        _notify(application, "rejected", change)
    return application
