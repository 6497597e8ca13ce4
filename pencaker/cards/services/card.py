"""Every write to a card: number, issue, render and sign, re-issue, status changes.

An approved application's card is issued by a background task of the applications app
(``applications.services.application_card_issue``), which calls ``card_issue_record``
inside its transaction and ``card_render`` after it. Database work (number, row, history,
audit) is one short transaction; rendering and signing, which take most of the time, run
after it, and ``card_render`` fills in the PDF. If the worker dies in between, running the
task again finishes the same card: it is idempotent (one card per application, enforced
by a unique constraint).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from pencaker.accounts.models import User
from pencaker.accounts.permissions import can_decide
from pencaker.cards import qr_keys, rules, signing, tasks
from pencaker.cards.card_data import card_data_from_snapshot, photo_bytes
from pencaker.cards.choices import CardStatus
from pencaker.cards.errors import CardErrorCode
from pencaker.cards.models import Card, CardNumberCounter, CardStatusChange
from pencaker.cards.numbers import format_card_number
from pencaker.cards.pdf_render import CardPrint, render_card_pdf
from pencaker.cards.tokens import CardClaims, token_sign
from pencaker.cards.workflow import move
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.calendar import local_date
from pencaker.core.errors import Conflict, NotFound
from pencaker.core.links import absolute_url
from pencaker.core.text import name_clean
from pencaker.offices.models import Office

CURRENT_STATUSES = (CardStatus.ACTIVE, CardStatus.PLACED, CardStatus.EXPIRED)


# --- Numbers ------------------------------------------------------------------------------


def card_number_next(*, office: Office, year: int) -> str:
    """Take the next number of ``office`` in ``year``. Call inside a transaction: the
    counter row stays locked until it commits, so concurrent issues queue here."""
    counter, _created = CardNumberCounter.objects.get_or_create(office=office, year=year)
    counter = CardNumberCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last_sequence += 1
    counter.save(update_fields=["last_sequence"])
    return format_card_number(office_code=office.code, year=year, sequence=counter.last_sequence)


# --- Issue --------------------------------------------------------------------------------


def _local_date(moment: Any, office: Office) -> dt.date:
    """The day of ``moment`` (now when None) in the office's time zone: the date printed
    on its cards (ADR 0031: a card decided at 00:30 WIT is dated that day in Jayapura)."""
    return local_date(moment or None, office.time_zone)


def card_issue(*, application: Any, actor: User | None) -> Card:
    """Issue (or finish issuing) the card of an approved application. Idempotent.

    The caller (``applications``) checks that the application is approved and records
    what the issue means for other apps; ``applications.services.application_card_issue``
    is the one that does all of it. This function only issues and renders the card.
    """
    card, _created = card_issue_record(application=application, actor=actor)
    if not card.has_pdf:
        card = card_render(card=card)
    return card


def card_issue_record(*, application: Any, actor: User | None) -> tuple[Card, bool]:
    """The database part of issuing: number, row, history, audit, and whether this call
    created the card (False when it already existed: a retried task, a second worker).

    Call it inside the caller's transaction when the caller records more with the new
    card (the registration event, the survey invitation): those rows then commit with the
    card or not at all, and ``created`` tells the caller to write them exactly once. The
    PDF is not rendered here (``card_render``, after commit).

    A holder who already has a current card (renewal, change of data) gets a new version
    of the same number; the previous version becomes ``superseded``.
    """
    try:
        with transaction.atomic():
            existing = Card.objects.select_for_update().filter(application=application).first()
            if existing is not None:
                return existing, False
            office = application.office
            holder = application.applicant
            issued_on = _local_date(application.decided_at, office)
            data = card_data_from_snapshot(application.snapshot, application.documents, office)
            previous = (
                Card.objects.select_for_update()
                .filter(holder=holder, status__in=CURRENT_STATUSES)
                .order_by("-issued_on", "-id")
                .first()
            )
            if previous is not None:
                number, version = previous.number, previous.version + 1
                move(previous, to=CardStatus.SUPERSEDED, actor=actor, note=application.type)
            else:
                number = card_number_next(office=office, year=issued_on.year)
                version = 1
            birth = data.get("birth_date") or None
            card = Card.objects.create(
                holder=holder,
                office=office,
                application=application,
                number=number,
                version=version,
                status=CardStatus.ACTIVE,
                issued_on=issued_on,
                valid_until=rules.valid_until(issued_on),
                holder_name=name_clean(data.get("name") or holder.full_name or ""),
                nik_masked=data.get("nik_masked") or "",
                birth_date=dt.date.fromisoformat(birth) if birth else None,
                signer_name=office.signer_name,
                signer_nip=office.signer_nip,
                data=data,
                supersedes=previous,
                issued_by=actor if getattr(actor, "pk", None) else None,
            )
            CardStatusChange.objects.create(
                card=card, from_status="", to_status=CardStatus.ACTIVE, actor=card.issued_by
            )
            audit_record(
                actor=actor,
                action=AuditAction.CARD_ISSUED,
                obj=card,
                office=office,
                data={"number": number, "version": version, "application": application.pk},
            )
            return card, True
    except IntegrityError:
        # Another worker issued it at the same moment: use theirs.
        existing = Card.objects.filter(application=application).first()
        if existing is None:
            raise
        return existing, False


def _print_for(card: Card, qr_url: str, demo: bool) -> CardPrint:
    return CardPrint(
        number=card.number,
        version=card.version,
        issued_on=card.issued_on,
        valid_until=card.valid_until,
        signer_name=card.signer_name,
        signer_nip=card.signer_nip,
        qr_url=qr_url,
        data=card.data,
        photo=photo_bytes(card.holder, card.data),
        reports=list(card.data.get("reports") or []),
        demo=demo,
    )


def verify_url(token: str) -> str:
    return absolute_url(f"/kartu/v/{token}")


@dataclass(frozen=True)
class ReportLine:
    """One row of the card's Laporan table: report ``number`` made on ``on``, signed by
    ``officer`` (the operator's name, or "reported online by the holder")."""

    number: int
    on: dt.date
    officer: str


@dataclass(frozen=True)
class PlacementLine:
    """The placement line printed on the card (the holder started work)."""

    employer: str
    position: str
    start_date: dt.date
    area: str


def _placement_data(placement: PlacementLine) -> dict[str, str]:
    return {
        "employer": placement.employer.strip(),
        "position": placement.position.strip(),
        "date": placement.start_date.isoformat(),
        "area": placement.area,
    }


def card_report_print(
    *, card: Card, actor: User | None, report: ReportLine, placement: PlacementLine | None = None
) -> Card:
    """Print a report (and, when the holder reports a job, the placement line) on the
    card: ``card`` (locked by the caller, inside its transaction) is superseded by a new
    version with the row filled in (``card_reissue``)."""
    rows = [r for r in card.data.get("reports") or [] if r.get("n") != report.number]
    rows.append({"n": report.number, "date": report.on.isoformat(), "officer": report.officer})
    changes: dict[str, Any] = {"reports": sorted(rows, key=lambda r: r["n"])}
    if placement is not None:
        changes["placement"] = _placement_data(placement)
    return card_reissue(
        card=card, actor=actor, data_changes=changes, note=f"report {report.number}"
    )


def card_placement_print(*, card: Card, actor: User | None, placement: PlacementLine) -> Card:
    """Print the placement line on the card (a new version, as ``card_report_print``)."""
    return card_reissue(
        card=card,
        actor=actor,
        data_changes={"placement": _placement_data(placement)},
        note="placement",
    )


def card_placement_annul(*, card: Card, actor: User | None, note: str) -> Card:
    """An office annulled a wrong placement: the placed ``card`` (locked by the caller) is
    superseded by a new ACTIVE version without the placement line (the transition table
    has no placed → active, so the card is re-issued rather than moved back)."""
    if card.status != CardStatus.PLACED:
        raise Conflict(
            CardErrorCode.CARD_NOT_ACTIVE, _("This card has no job recorded, so none is removed.")
        )
    return card_reissue(
        card=card,
        actor=actor,
        data_changes={},
        note=note,
        status=CardStatus.ACTIVE,
        data_remove=("placement",),
    )


def card_reissue(
    *,
    card: Card,
    actor: User | None,
    data_changes: dict[str, Any],
    note: str,
    status: str | None = None,
    data_remove: tuple[str, ...] = (),
    restore: bool = False,
) -> Card:
    """Supersede ``card`` (locked by the caller, inside its transaction) by a new version
    with ``data_changes`` merged into the frozen data (a report row, the placement line).

    The number, issue date and validity stay: the Laporan due dates count from the issue
    date. The old version stays verifiable as superseded. The PDF is rendered after commit.
    ``restore`` (an objection to a revocation upheld, ``revocation`` services only) also
    re-issues a revoked version.
    """
    reissuable: tuple[str, ...] = (CardStatus.ACTIVE, CardStatus.PLACED)
    if restore:
        reissuable = (CardStatus.REVOKED,)
    if card.status not in reissuable:
        raise Conflict(
            CardErrorCode.CARD_NOT_ACTIVE,
            _("This card is no longer valid, so nothing can be added to it."),
        )
    # A placed card stays placed (a corrected placement line) unless the caller says
    # otherwise (an annulled placement: the new version is active again).
    status = status or card.status
    move(card, to=CardStatus.SUPERSEDED, actor=actor, note=note)
    issued_by = actor if getattr(actor, "pk", None) else None
    new = Card.objects.create(
        holder_id=card.holder_id,
        office_id=card.office_id,
        application=None,
        number=card.number,
        version=card.version + 1,
        status=status,
        issued_on=card.issued_on,
        valid_until=card.valid_until,
        holder_name=card.holder_name,
        nik_masked=card.nik_masked,
        birth_date=card.birth_date,
        signer_name=card.signer_name,
        signer_nip=card.signer_nip,
        data={
            **{k: v for k, v in card.data.items() if k not in data_remove},
            **data_changes,
        },
        supersedes=card,
        issued_by=issued_by,
    )
    CardStatusChange.objects.create(
        card=new, from_status="", to_status=status, actor=issued_by, note=note
    )
    audit_record(
        actor=actor,
        action=AuditAction.CARD_REISSUED,
        obj=new,
        office=new.office,
        data={"number": new.number, "version": new.version, "reason": note},
    )
    card_id = new.pk
    transaction.on_commit(lambda: _render_version_after_commit(card_id))
    return new


def _render_version_after_commit(card_id: int) -> None:
    tasks.render_card_version.enqueue(card_id)


def card_render(*, card: Card) -> Card:
    """Sign the QR token, render the PDF, sign it (PAdES) and store it with its SHA-256."""
    kid, private_key = qr_keys.signing_key_current()
    claims = CardClaims(
        number=card.number,
        version=card.version,
        holder_name=card.holder_name,
        nik_masked=card.nik_masked,
        office_code=card.office.code,
        issued_on=card.issued_on,
        valid_until=card.valid_until,
        # The card version's index in the published status list (docs/cards/status-list.md).
        status_index=card.pk,
    )
    token = token_sign(claims, private_key=private_key, kid=kid)
    signer = signing.current_signer(card.office)
    unsigned = render_card_pdf(_print_for(card, verify_url(token), signer.is_demo))
    signed = signing.sign_pdf(
        unsigned,
        reason=f"Kartu AK/1 {card.number} v{card.version}",
        location=card.data.get("office", {}).get("city") or card.office.name,
        office=card.office,
    )
    digest = hashlib.sha256(signed).hexdigest()
    name = f"cards/{card.office.code}/{card.number}-v{card.version}-{secrets.token_hex(8)}.pdf"
    stored = default_storage.save(name, ContentFile(signed))
    with transaction.atomic():
        locked = Card.objects.select_for_update().get(pk=card.pk)
        if locked.has_pdf:
            default_storage.delete(stored)  # a concurrent render finished first
            return locked
        locked.pdf.name = stored
        locked.pdf_sha256 = digest
        locked.token = token
        locked.token_kid = kid
        locked.save(update_fields=["pdf", "pdf_sha256", "token", "token_kid", "updated_at"])
        audit_record(
            actor=None,
            action=AuditAction.CARD_RENDERED,
            obj=locked,
            office=locked.office,
            data={"sha256": digest, "kid": kid},
        )
    return locked


# What a holder changes on their own card: they report that they started work.
HOLDER_CHANGES = frozenset({CardStatus.PLACED})


def _may_change_status(card: Card, actor: User | None, to: str, revocation: Any) -> bool:
    if revocation is not None:
        # A revocation confirmed by a second person (cards.services.revocation): the
        # confirmer may be the pimpinan, who otherwise changes nothing.
        actor_pk = getattr(actor, "pk", None)
        return bool(
            to == CardStatus.REVOKED
            and actor_pk
            and revocation.card_id == card.pk
            and revocation.confirmed_by_id == actor_pk
            and revocation.requested_by_id != actor_pk
            and getattr(actor, "office_id", None) == card.office_id
        )
    if to == CardStatus.REVOKED:
        return False  # only a revocation confirmed by a second person revokes (issue 16)
    if actor is None:
        return True  # the system: the daily expiry and removal rules (history actor empty)
    if not getattr(actor, "pk", None):
        return False
    if actor.pk == card.holder_id:
        return to in HOLDER_CHANGES
    # Staff who change a card's status: those who decide, in the card's office.
    return can_decide(actor, card.office_id)


def card_status_change(
    *, card_id: int, to: str, actor: User | None, note: str = "", revocation: Any = None
) -> Card:
    """Move a card along the transition table (placement, expiry, removal, revocation).

    The only way a card's status changes outside this module. ``actor`` is staff of the
    card's office (an operator or the administrator: an actor without an office is
    refused), the holder recording their own placement, or ``None`` for the system (the
    daily rules). ``revocation`` is the four-eyes revocation being confirmed
    (``card_revocation_confirm``). Anyone else is told the card was not found. Runs in the caller's
    transaction when there is one; returns the card, locked, with its new status.
    """
    with transaction.atomic():
        card = (
            Card.objects.select_for_update()
            .select_related("office", "holder")
            .filter(pk=card_id)
            .first()
        )
        if card is None or not _may_change_status(card, actor, to, revocation):
            raise NotFound(CardErrorCode.NOT_FOUND, _("This card was not found."))
        previous = card.status
        move(card, to=to, actor=actor, note=note)
        audit_record(
            actor=actor,
            action=AuditAction.CARD_STATUS_CHANGED,
            obj=card,
            office=card.office,
            data={"from": previous, "to": to},
        )
    return card


def card_download_record(*, card: Card, actor: User | None, ip_address: str | None = None) -> None:
    """Log a download of the PDF by someone other than the holder (office staff)."""
    if getattr(actor, "pk", None) == card.holder_id:
        return
    audit_record(
        actor=actor,
        action=AuditAction.CARD_PDF_DOWNLOADED,
        obj=card,
        office=card.office,
        ip_address=ip_address,
        data={"number": card.number, "version": card.version},
    )
