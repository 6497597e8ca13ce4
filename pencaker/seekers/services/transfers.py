"""Moving a record between offices (ADR 0015).

The office that holds a profile (``JobSeekerProfile.office``) is the one whose staff see
it and its documents. A person who saves an address in another office's area opens a
transfer; the receiving office's admin dinas accepts or declines it. Whether a request is
still open in the holding office is not known here (applications sits above seekers):
``pencaker.applications.transfers`` checks that before it calls ``transfer_accept``.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.accounts.models import Role, User
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import DomainError, NotFound, PermissionDenied
from pencaker.offices.models import Office
from pencaker.seekers.errors import SeekerErrorCode
from pencaker.seekers.models import JobSeekerProfile, OfficeTransfer


def transfer_follow_move(
    *, actor: User, profile: JobSeekerProfile, address_office: Office | None
) -> None:
    """Called with the profile locked, after an address change: open, retarget or cancel
    the pending transfer so that it always points at the office of the current address."""
    pending = OfficeTransfer.objects.filter(
        profile=profile, status=OfficeTransfer.Status.PENDING
    ).first()
    if pending is not None and (
        address_office is None or pending.to_office_id != address_office.pk
    ):
        pending.status = OfficeTransfer.Status.CANCELLED
        pending.decided_at = timezone.now()
        pending.decided_by = actor if getattr(actor, "pk", None) else None
        pending.save(update_fields=["status", "decided_at", "decided_by"])
        audit_record(
            actor=actor,
            action=AuditAction.SEEKERS_TRANSFER_CANCELLED,
            obj=pending,
            office=profile.office,
            data={"profile": profile.pk, "to_office": pending.to_office_id},
        )
        pending = None
    if (
        pending is None
        and address_office is not None
        and profile.office_id is not None
        and address_office.pk != profile.office_id
    ):
        transfer = OfficeTransfer.objects.create(
            profile=profile, from_office_id=profile.office_id, to_office=address_office
        )
        audit_record(
            actor=actor,
            action=AuditAction.SEEKERS_TRANSFER_REQUESTED,
            obj=transfer,
            office=address_office,
            data={"profile": profile.pk, "from_office": profile.office_id},
        )


def _pending_for_receiving_admin(*, actor: User, transfer_id: int) -> OfficeTransfer:
    if actor.role != Role.ADMIN_DINAS or not actor.office_id or not actor.is_active:
        raise PermissionDenied(
            SeekerErrorCode.NOT_RECEIVING_ADMIN,
            _("Only the administrator of the receiving office can decide a transfer."),
        )
    transfer = (
        OfficeTransfer.objects.select_for_update()
        .select_related("profile", "from_office", "to_office")
        .filter(pk=transfer_id, to_office_id=actor.office_id)
        .first()
    )
    if transfer is None:
        raise NotFound(
            SeekerErrorCode.TRANSFER_NOT_FOUND, _("This transfer does not exist in your office.")
        )
    if transfer.status != OfficeTransfer.Status.PENDING:
        raise DomainError(
            SeekerErrorCode.TRANSFER_DECIDED,
            _("This transfer has already been decided or was cancelled."),
        )
    return transfer


def transfer_accept(*, actor: User, transfer_id: int) -> OfficeTransfer:
    """The receiving office takes over the record: its staff see the profile and the
    documents from now on, the sending office's no longer do."""
    with transaction.atomic():
        transfer = _pending_for_receiving_admin(actor=actor, transfer_id=transfer_id)
        profile = JobSeekerProfile.objects.select_for_update().get(pk=transfer.profile_id)
        profile.office = transfer.to_office
        profile.save(update_fields=["office", "updated_at"])
        _decide(actor=actor, transfer=transfer, status=OfficeTransfer.Status.ACCEPTED)
        audit_record(
            actor=actor,
            action=AuditAction.SEEKERS_TRANSFER_ACCEPTED,
            obj=transfer,
            office=transfer.to_office,
            data={"profile": profile.pk, "from_office": transfer.from_office_id},
        )
    return transfer


def transfer_decline(*, actor: User, transfer_id: int, note: str = "") -> OfficeTransfer:
    """The record stays with the office that holds it (e.g. the address is not real)."""
    with transaction.atomic():
        transfer = _pending_for_receiving_admin(actor=actor, transfer_id=transfer_id)
        transfer.note = " ".join(note.split())[:500]
        _decide(actor=actor, transfer=transfer, status=OfficeTransfer.Status.DECLINED)
        audit_record(
            actor=actor,
            action=AuditAction.SEEKERS_TRANSFER_DECLINED,
            obj=transfer,
            office=transfer.to_office,
            data={"profile": transfer.profile_id, "from_office": transfer.from_office_id},
        )
    return transfer


def _decide(*, actor: User, transfer: OfficeTransfer, status: str) -> None:
    transfer.status = status
    transfer.decided_at = timezone.now()
    transfer.decided_by = actor
    transfer.save(update_fields=["status", "decided_at", "decided_by", "note"])
