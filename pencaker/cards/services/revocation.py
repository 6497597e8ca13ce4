"""Revoking a card: requested by an admin dinas with a reason and evidence, confirmed by
a second admin dinas or the pimpinan (four eyes), told to the holder with the reason and
how to object, the objection decided. Every step is audited and has a history row.

The cards app owns the whole of it (ADR 0020): everything it touches (the card, the
documents app's upload checks, the outbox) sits at or below cards, so no upper app has to
orchestrate. The card's status changes only through ``card_status_change``.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.accounts.models import Role, User
from pencaker.cards.choices import CardStatus, RevocationReason, RevocationStatus
from pencaker.cards.errors import CardErrorCode as E
from pencaker.cards.models import Card, CardRevocation, CardRevocationEvidence
from pencaker.cards.services.card import card_reissue, card_status_change
from pencaker.cards.workflow import revocation_move
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from pencaker.core.links import absolute_url
from pencaker.core.text import text_clean
from pencaker.documents.checks import check_upload, sanitise_filename
from pencaker.notifications.services import notification_queue_templated

logger = logging.getLogger(__name__)

#: Evidence is checked as an identity document is (sniffed; images re-encoded without
#: metadata; PDFs checked): the documents app's rules for the KTP kind.
EVIDENCE_CHECK_KIND = "ktp"
EVIDENCE_MAX_FILES = 5
#: Statuses a card can be revoked from (the transition table allows revoked from each).
REVOCABLE = (CardStatus.ACTIVE, CardStatus.PLACED, CardStatus.EXPIRED, CardStatus.REMOVED)
#: Who confirms a revocation or decides an objection: a second admin dinas or the head of
#: office (pimpinan), of the card's office.
CONFIRMING_ROLES = frozenset({Role.ADMIN_DINAS, Role.PIMPINAN})


def _is_office_admin(user: Any, office_id: int) -> bool:
    return bool(
        getattr(user, "pk", None)
        and user.role == Role.ADMIN_DINAS
        and user.office_id == office_id
        and user.is_active
    )


def _may_confirm(user: Any, office_id: int) -> bool:
    return bool(
        getattr(user, "pk", None)
        and user.role in CONFIRMING_ROLES
        and user.office_id == office_id
        and user.is_active
    )


def _not_found() -> NotFound:
    return NotFound(E.REVOCATION_NOT_FOUND, _("This revocation was not found."))


def _store_evidence(uploaded_file: Any) -> dict[str, Any]:
    try:
        checked = check_upload(kind=EVIDENCE_CHECK_KIND, uploaded_file=uploaded_file)
    except DomainError as exc:
        raise DomainError(
            exc.code,
            exc.message,
            status=exc.status,
            details=dict(exc.details),
            fields={"evidence": [exc.message]},
        ) from exc
    now = timezone.now()
    name = default_storage.save(
        f"revocations/{now:%Y}/{now:%m}/{uuid.uuid4().hex}.{checked.extension}",
        ContentFile(checked.data),
    )
    return {
        "file": name,
        "sha256": hashlib.sha256(checked.data).hexdigest(),
        "content_type": checked.content_type,
        "size": len(checked.data),
        "original_filename": sanitise_filename(getattr(uploaded_file, "name", "")),
    }


def card_revocation_request(
    *,
    actor: User,
    card_id: int,
    reason: str,
    note: str,
    evidence: Sequence[Any],
    idempotency_key: str = "",
    ip_address: str | None = None,
) -> CardRevocation:
    """An admin dinas of the card's office asks for the card to be revoked.

    Nothing happens to the card yet: a second person confirms (``card_revocation_confirm``).
    At least one piece of evidence is required. A retry with the same ``idempotency_key``
    returns the first request.
    """
    if idempotency_key:
        earlier = CardRevocation.objects.filter(
            requested_by_id=getattr(actor, "pk", None), idempotency_key=idempotency_key
        ).first()
        if earlier is not None:
            return earlier
    card = Card.objects.select_related("office").filter(pk=card_id).first()
    if card is None or not _is_office_admin(actor, card.office_id):
        raise NotFound(E.NOT_FOUND, _("This card was not found."))
    fields: dict[str, list[str]] = {}
    if reason not in RevocationReason.values:
        fields["reason"] = [_("Choose one of the listed reasons.")]
    note = text_clean(note or "", multiline=True).strip()
    if not note:
        fields["note"] = [_("Describe what was found.")]
    files = [f for f in evidence or [] if f]
    if not files:
        fields["evidence"] = [_("Attach at least one piece of evidence (PDF, JPG or PNG).")]
    elif len(files) > EVIDENCE_MAX_FILES:
        fields["evidence"] = [
            _("Attach at most %(n)s files.") % {"n": EVIDENCE_MAX_FILES},
        ]
    if fields:
        raise DomainError(
            E.REVOCATION_REASON_INVALID if "reason" in fields else E.REVOCATION_EVIDENCE_REQUIRED,
            _("Check the highlighted fields."),
            fields=fields,
        )
    if card.status not in REVOCABLE:
        raise Conflict(E.CARD_NOT_ACTIVE, _("This card version can no longer be revoked."))
    stored = [_store_evidence(f) for f in files]
    try:
        with transaction.atomic():
            locked = Card.objects.select_for_update().get(pk=card.pk)
            if locked.status not in REVOCABLE:
                raise Conflict(E.CARD_NOT_ACTIVE, _("This card version can no longer be revoked."))
            revocation = CardRevocation.objects.create(
                card=locked,
                office_id=locked.office_id,
                reason=reason,
                note=note,
                requested_by=actor,
                idempotency_key=idempotency_key[:64],
            )
            revocation.history.create(
                from_status="", to_status=RevocationStatus.REQUESTED, actor=actor, note=note
            )
            for row in stored:
                CardRevocationEvidence.objects.create(
                    revocation=revocation, uploaded_by=actor, **row
                )
            audit_record(
                actor=actor,
                action=AuditAction.CARD_REVOCATION_REQUESTED,
                obj=revocation,
                office=locked.office,
                ip_address=ip_address,
                data={
                    "card": locked.number,
                    "version": locked.version,
                    "reason": reason,
                    "evidence": [row["sha256"] for row in stored],
                },
            )
    except (IntegrityError, DomainError) as exc:
        for row in stored:
            _delete_quietly(row["file"])
        if isinstance(exc, IntegrityError):
            raise Conflict(
                E.REVOCATION_OPEN,
                _("A revocation of this card is already open."),
            ) from exc
        raise
    return revocation


def _delete_quietly(name: str) -> None:
    try:
        default_storage.delete(name)
    except Exception:  # the original error matters more than a failed clean-up
        logger.exception("could not delete orphan evidence %s", name)


def _locked(revocation_id: int, actor: Any) -> CardRevocation:
    revocation = (
        CardRevocation.objects.select_for_update()
        .select_related("card", "office")
        .filter(pk=revocation_id, office_id=getattr(actor, "office_id", None) or -1)
        .first()
    )
    if revocation is None:
        raise _not_found()
    return revocation


def card_revocation_confirm(
    *,
    actor: User,
    revocation_id: int,
    confirm: bool = True,
    note: str = "",
    ip_address: str | None = None,
) -> CardRevocation:
    """A second admin dinas or the pimpinan confirms the revocation (the card is then
    revoked and the holder told) or declines it. The requester cannot do either."""
    with transaction.atomic():
        revocation = _locked(revocation_id, actor)
        if not _may_confirm(actor, revocation.office_id):
            raise PermissionDenied(
                E.REVOCATION_NOT_ALLOWED,
                _("Only an office administrator or the head of office can confirm this."),
            )
        if revocation.requested_by_id == actor.pk:
            raise PermissionDenied(
                E.REVOCATION_FOUR_EYES,
                _("A second person must confirm: you asked for this revocation yourself."),
            )
        if revocation.status != RevocationStatus.REQUESTED:
            if confirm and revocation.status == RevocationStatus.CONFIRMED:
                return revocation  # a retried confirmation
            raise Conflict(E.REVOCATION_OPEN, _("This revocation has already been decided."))
        note = text_clean(note or "", multiline=True).strip()
        if not confirm:
            revocation_move(revocation, to=RevocationStatus.DECLINED, actor=actor, note=note)
            audit_record(
                actor=actor,
                action=AuditAction.CARD_REVOCATION_DECLINED,
                obj=revocation,
                office=revocation.office,
                ip_address=ip_address,
                data={"card": revocation.card.number, "version": revocation.card.version},
            )
            return revocation
        revocation.confirmed_by = actor
        revocation.confirmed_at = timezone.now()
        revocation_move(revocation, to=RevocationStatus.CONFIRMED, actor=actor, note=note)
        card_status_change(
            card_id=revocation.card_id,
            to=CardStatus.REVOKED,
            actor=actor,
            note=revocation.reason,
            revocation=revocation,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CARD_REVOCATION_CONFIRMED,
            obj=revocation,
            office=revocation.office,
            ip_address=ip_address,
            data={
                "card": revocation.card.number,
                "version": revocation.card.version,
                "reason": revocation.reason,
                "requested_by": revocation.requested_by_id,
            },
        )
        _notify_holder(revocation, "card_revoked")
    return revocation


def card_revocation_object(
    *, actor: User, revocation_id: int, text: str, ip_address: str | None = None
) -> CardRevocation:
    """The holder objects to a confirmed revocation (once), in their own words. Sending
    the same objection again answers the recorded one (a retry); a different one after it
    is refused."""
    text = text_clean(text or "", multiline=True).strip()
    if not text:
        raise DomainError(
            E.OBJECTION_TEXT_REQUIRED,
            _("Explain why the card should not be revoked."),
            fields={"text": [_("Explain why the card should not be revoked.")]},
        )
    with transaction.atomic():
        revocation = (
            CardRevocation.objects.select_for_update()
            .select_related("card", "office")
            .filter(pk=revocation_id, card__holder_id=getattr(actor, "pk", None) or -1)
            .first()
        )
        if revocation is None:
            raise _not_found()
        if revocation.status == RevocationStatus.OBJECTED and revocation.objection == text[:4000]:
            return revocation  # a retry whose first attempt committed (answer lost)
        if revocation.status != RevocationStatus.CONFIRMED:
            raise Conflict(
                E.REVOCATION_OBJECTION_CLOSED,
                _("An objection to this revocation can no longer be lodged."),
            )
        revocation.objection = text[:4000]
        revocation.objected_at = timezone.now()
        revocation_move(revocation, to=RevocationStatus.OBJECTED, actor=actor, note="")
        audit_record(
            actor=actor,
            action=AuditAction.CARD_REVOCATION_OBJECTED,
            obj=revocation,
            office=revocation.office,
            ip_address=ip_address,
            data={"card": revocation.card.number, "version": revocation.card.version},
        )
    return revocation


def card_revocation_objection_decide(
    *,
    actor: User,
    revocation_id: int,
    uphold: bool,
    note: str,
    ip_address: str | None = None,
) -> CardRevocation:
    """An admin dinas or the pimpinan (not the one who asked for the revocation) decides
    the holder's objection. Upheld: the revoked version is replaced by a restored new
    version in the status it had before (the transition table has no revoked → active,
    so the card is re-issued, as an annulled placement is). Rejected: it stays revoked.
    The holder is told either way."""
    note = text_clean(note or "", multiline=True).strip()
    if not note:
        raise DomainError(
            E.OBJECTION_TEXT_REQUIRED,
            _("Give the reasons for the decision."),
            fields={"note": [_("Give the reasons for the decision.")]},
        )
    with transaction.atomic():
        revocation = _locked(revocation_id, actor)
        if not _may_confirm(actor, revocation.office_id):
            raise PermissionDenied(
                E.REVOCATION_NOT_ALLOWED,
                _("Only an office administrator or the head of office can decide this."),
            )
        if revocation.requested_by_id == actor.pk:
            raise PermissionDenied(
                E.REVOCATION_FOUR_EYES,
                _("Someone other than the person who asked for the revocation must decide."),
            )
        if revocation.status != RevocationStatus.OBJECTED:
            raise Conflict(E.REVOCATION_OBJECTION_CLOSED, _("There is no objection to decide."))
        revocation.decided_by = actor
        revocation.decided_at = timezone.now()
        revocation.decision_note = note
        if uphold:
            card = Card.objects.select_for_update().get(pk=revocation.card_id)
            before = (
                card.history.exclude(to_status=CardStatus.REVOKED)
                .order_by("-at", "-id")
                .values_list("to_status", flat=True)
                .first()
            )
            restored_status = before if before in REVOCABLE else CardStatus.ACTIVE
            revocation.restored_card = card_reissue(
                card=card,
                actor=actor,
                data_changes={},
                note=f"revocation {revocation.pk} objection upheld",
                status=restored_status,
                restore=True,
            )
            revocation_move(revocation, to=RevocationStatus.UPHELD, actor=actor, note=note)
        else:
            revocation_move(revocation, to=RevocationStatus.REJECTED, actor=actor, note=note)
        audit_record(
            actor=actor,
            action=AuditAction.CARD_REVOCATION_OBJECTION_DECIDED,
            obj=revocation,
            office=revocation.office,
            ip_address=ip_address,
            data={
                "card": revocation.card.number,
                "upheld": uphold,
                "restored_version": getattr(revocation.restored_card, "version", None),
            },
        )
        _notify_holder(revocation, "objection_upheld" if uphold else "objection_rejected")
    return revocation


def _notify_holder(revocation: CardRevocation, event: str) -> None:
    """Email (and SMS when the account has a mobile number) through the outbox. The reason
    is told to the holder (never to the public check)."""
    holder = revocation.card.holder
    context = {
        "revocation": revocation,
        "card": revocation.card,
        "reason": RevocationReason(revocation.reason).label,
        "office": revocation.office,
        "url": absolute_url(reverse("cards:revocation_holder", args=[revocation.pk])),
    }
    key = f"card_revocation:{revocation.pk}:{event}"
    if holder.email:
        notification_queue_templated(
            channel="email",
            recipient=holder.email,
            kind=f"card.{event}",
            template=f"cards/notices/{event}",
            context=context,
            language=settings.LANGUAGE_CODE,
            dedupe_key=f"{key}:email",
        )
    phone = (getattr(holder, "phone", "") or "").strip()
    if phone:
        notification_queue_templated(
            channel="sms",
            recipient=phone,
            kind=f"card.{event}",
            template=f"cards/notices/{event}",
            context=context,
            language=settings.LANGUAGE_CODE,
            dedupe_key=f"{key}:sms",
        )
