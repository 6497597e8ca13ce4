"""Every write about cards: issue, render and sign, status changes, verification checks.

``card_issue`` runs in a background task after the approval commits (see ``tasks.py``).
Database work (number, row, history, audit) is one short transaction; rendering and
signing, which take most of the time, run after it, and ``card_render`` fills in the PDF.
If the worker dies in between, running the task again finishes the same card: the task is
idempotent (one card per application, enforced by a unique constraint).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.cards import qr_keys, signing
from pencaker.cards.card_data import card_data_from_snapshot, photo_bytes
from pencaker.cards.choices import CardStatus, VerificationMethod, VerificationOutcome
from pencaker.cards.models import Card, CardNumberCounter, CardStatusChange, VerificationLog
from pencaker.cards.numbers import CardNumberError, format_card_number, parse_card_number
from pencaker.cards.pdf_render import CardPrint, add_months, render_card_pdf
from pencaker.cards.tokens import CardClaims, TokenError, token_sign, token_verify
from pencaker.cards.workflow import move
from pencaker.core.audit import audit_record
from pencaker.core.errors import Conflict, DomainError, NotFound
from pencaker.core.text import name_clean

VALIDITY_MONTHS = 24
CURRENT_STATUSES = (CardStatus.ACTIVE, CardStatus.PLACED, CardStatus.EXPIRED)


# --- Numbers ------------------------------------------------------------------------------


def card_number_next(*, office: Any, year: int) -> str:
    """Take the next number of ``office`` in ``year``. Call inside a transaction: the
    counter row stays locked until it commits, so concurrent issues queue here."""
    counter, _created = CardNumberCounter.objects.get_or_create(office=office, year=year)
    counter = CardNumberCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last_sequence += 1
    counter.save(update_fields=["last_sequence"])
    return format_card_number(office_code=office.code, year=year, sequence=counter.last_sequence)


# --- Issue --------------------------------------------------------------------------------


def _local_date(moment: Any) -> dt.date:
    return timezone.localdate(moment) if moment else timezone.localdate()


def card_issue(*, application: Any, actor: Any) -> Card:
    """Issue (or finish issuing) the card of an approved application. Idempotent.

    A holder who already has a current card (renewal, change of data) gets a new version
    of the same number; the previous version becomes ``superseded``.
    """
    if getattr(application, "status", None) != "approved":
        raise Conflict("not_approved", _("Only an approved application gets a card."))
    card = _card_issue_row(application=application, actor=actor)
    if not card.has_pdf:
        card = card_render(card=card)
    return card


def _card_issue_row(*, application: Any, actor: Any) -> Card:
    try:
        with transaction.atomic():
            existing = Card.objects.select_for_update().filter(application=application).first()
            if existing is not None:
                return existing
            office = application.office
            holder = application.applicant
            issued_on = _local_date(application.decided_at)
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
                valid_until=add_months(issued_on, VALIDITY_MONTHS),
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
            # The IPK statistics count registrations from this event log (idempotent).
            from pencaker.lifecycle.events import on_card_issued

            on_card_issued(card)
            if version == 1:
                # PermenPANRB 14/2017: invite every person served to the satisfaction
                # survey. The link is emailed after commit; the address is not stored with
                # the invitation, so answers stay anonymous.
                from pencaker.surveys.services import invitation_create

                invitation_create(
                    office=office, reason="card_issued", contact_email=application.applicant.email
                )
            audit_record(
                actor=actor,
                action="card.issued",
                obj=card,
                office=office,
                data={"number": number, "version": version, "application": application.pk},
            )
            return card
    except IntegrityError:
        # Another worker issued it at the same moment: use theirs.
        existing = Card.objects.filter(application=application).first()
        if existing is None:
            raise
        return existing


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
    return f"{settings.SITE_URL.rstrip('/')}/kartu/v/{token}"


def card_reissue(*, card: Card, actor: Any, data_changes: dict[str, Any], note: str) -> Card:
    """Supersede ``card`` (locked by the caller, inside its transaction) by a new version
    with ``data_changes`` merged into the frozen data (a report row, the placement line).

    The number, issue date and validity stay: the Laporan due dates count from the issue
    date. The old version stays verifiable as superseded. The PDF is rendered after commit.
    """
    if card.status != CardStatus.ACTIVE:
        raise Conflict(
            "card_not_active",
            _("This card is no longer valid, so nothing can be added to it."),
        )
    move(card, to=CardStatus.SUPERSEDED, actor=actor, note=note)
    issued_by = actor if getattr(actor, "pk", None) else None
    new = Card.objects.create(
        holder_id=card.holder_id,
        office_id=card.office_id,
        application=None,
        number=card.number,
        version=card.version + 1,
        status=CardStatus.ACTIVE,
        issued_on=card.issued_on,
        valid_until=card.valid_until,
        holder_name=card.holder_name,
        nik_masked=card.nik_masked,
        birth_date=card.birth_date,
        signer_name=card.signer_name,
        signer_nip=card.signer_nip,
        data={**card.data, **data_changes},
        supersedes=card,
        issued_by=issued_by,
    )
    CardStatusChange.objects.create(
        card=new, from_status="", to_status=CardStatus.ACTIVE, actor=issued_by, note=note
    )
    audit_record(
        actor=actor,
        action="card.reissued",
        obj=new,
        office=new.office,
        data={"number": new.number, "version": new.version, "reason": note},
    )
    card_id = new.pk
    transaction.on_commit(lambda: _render_version_after_commit(card_id))
    return new


def _render_version_after_commit(card_id: int) -> None:
    from pencaker.cards.tasks import render_card_version

    render_card_version.enqueue(card_id)


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
    )
    token = token_sign(claims, private_key=private_key, kid=kid)
    signer = signing.current_signer()
    unsigned = render_card_pdf(_print_for(card, verify_url(token), signer.is_demo))
    signed = signing.sign_pdf(
        unsigned,
        reason=f"Kartu AK/1 {card.number} v{card.version}",
        location=card.data.get("office", {}).get("city") or card.office.name,
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
            action="card.rendered",
            obj=locked,
            office=locked.office,
            data={"sha256": digest, "kid": kid},
        )
    return locked


def card_status_change(*, card_id: int, to: str, actor: Any, note: str = "") -> Card:
    """Move a card along the transition table (placement, expiry, removal, revocation)."""
    with transaction.atomic():
        card = Card.objects.select_for_update().select_related("office").filter(pk=card_id).first()
        if card is None:
            raise NotFound("not_found", _("This card was not found."))
        if getattr(actor, "pk", None) and getattr(actor, "office_id", None) not in (
            None,
            card.office_id,
        ):
            raise NotFound("not_found", _("This card was not found."))
        previous = card.status
        move(card, to=to, actor=actor, note=note)
        audit_record(
            actor=actor,
            action="card.status_changed",
            obj=card,
            office=card.office,
            data={"from": previous, "to": to},
        )
    return card


def card_download_record(*, card: Card, actor: Any, ip_address: str | None = None) -> None:
    """Log a download of the PDF by someone other than the holder (office staff)."""
    if getattr(actor, "pk", None) == card.holder_id:
        return
    audit_record(
        actor=actor,
        action="card.pdf_downloaded",
        obj=card,
        office=card.office,
        ip_address=ip_address,
        data={"number": card.number, "version": card.version},
    )


# --- Verification -------------------------------------------------------------------------


@dataclass(frozen=True)
class Verification:
    """The answer to a public check: minimal data, nothing else about the holder."""

    outcome: str
    message: str = ""
    status: str = ""
    status_label: str = ""
    number: str = ""
    version: int = 0
    holder_name: str = ""
    nik_masked: str = ""
    office_name: str = ""
    office_code: str = ""
    issued_on: dt.date | None = None
    valid_until: dt.date | None = None
    newer_version: int | None = None
    reports: list[dict[str, Any]] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return self.outcome == VerificationOutcome.FOUND


def client_hash(ip_address: str | None) -> str:
    """A keyed hash of the client address: rate limiting without storing the address."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, (ip_address or "-").encode(), hashlib.sha256).hexdigest()


def _limit() -> tuple[int, int]:
    return (
        int(getattr(settings, "PENCAKER_CARD_VERIFY_LIMIT", 20)),
        int(getattr(settings, "PENCAKER_CARD_VERIFY_WINDOW_SECONDS", 600)),
    )


def _check_rate(method: str, hashed: str) -> None:
    """At most N checks per client per window, counted in the database so every app
    server and process shares the same count."""
    limit, window = _limit()
    since = timezone.now() - dt.timedelta(seconds=window)
    used = (
        VerificationLog.objects.filter(client_hash=hashed, at__gte=since)
        .exclude(outcome=VerificationOutcome.RATE_LIMITED)
        .count()
    )
    if used >= limit:
        VerificationLog.objects.create(
            method=method, outcome=VerificationOutcome.RATE_LIMITED, client_hash=hashed
        )
        raise DomainError(
            "rate_limited",
            _("Too many checks from your connection. Please wait %(minutes)s minutes.")
            % {"minutes": max(1, window // 60)},
            status=429,
        )


def effective_status(card: Card, today: dt.date | None = None) -> str:
    today = today or timezone.localdate()
    if card.status == CardStatus.ACTIVE and card.valid_until < today:
        return CardStatus.EXPIRED
    return card.status


def _answer(card: Card, method: str, hashed: str) -> Verification:
    # Logged before the answer is built: no answer leaves without its log row committed.
    VerificationLog.objects.create(
        method=method, outcome=VerificationOutcome.FOUND, card=card, client_hash=hashed
    )
    status = effective_status(card)
    # Only a superseded version can have a newer one: a number has at most one version
    # that is not superseded (constraint card_one_current_version) and a new version is
    # issued as that one. So the usual check (the current card) needs no second read.
    newer = None
    if card.status == CardStatus.SUPERSEDED:
        newer = (
            Card.objects.filter(number=card.number, version__gt=card.version)
            .order_by("-version")
            .values_list("version", flat=True)
            .first()
        )
    return Verification(
        outcome=VerificationOutcome.FOUND,
        status=status,
        status_label=str(CardStatus(status).label),
        number=card.number,
        version=card.version,
        holder_name=card.holder_name,
        nik_masked=card.nik_masked,
        office_name=card.office.name,
        office_code=card.office.code,
        issued_on=card.issued_on,
        valid_until=card.valid_until,
        newer_version=newer,
        reports=list(card.data.get("reports") or []),
    )


def _refuse(method: str, hashed: str, outcome: str, message: str) -> Verification:
    VerificationLog.objects.create(method=method, outcome=outcome, client_hash=hashed)
    return Verification(outcome=outcome, message=message)


def not_found_message() -> str:
    return _(
        "Not found. Check the card number and the date of birth and try again. If the "
        "card is new, the office may still be preparing it."
    )


def card_verify_number(
    *, number: str, birth_date: dt.date | None, ip_address: str | None
) -> Verification:
    """Check by typed number and the holder's date of birth.

    A wrong check digit is answered as such (it is a typing mistake, and says nothing
    about any card); an unknown number and a wrong date of birth get the same answer, so
    the form cannot be used to find out which numbers exist.
    """
    method = VerificationMethod.NUMBER
    hashed = client_hash(ip_address)
    _check_rate(method, hashed)
    # No explicit transaction: one read, then the log row commits on its own (autocommit)
    # before the answer is returned. BEGIN/COMMIT around them only added round trips, and
    # on SQLite took the write lock for the read as well.
    try:
        parsed = parse_card_number(number)
    except CardNumberError as exc:
        if exc.reason == "check_digit":
            return _refuse(
                method,
                hashed,
                VerificationOutcome.BAD_CHECK_DIGIT,
                _("Invalid card number (wrong check digit). Check every digit again."),
            )
        return _refuse(
            method,
            hashed,
            VerificationOutcome.BAD_FORMAT,
            _("This is not a card number. It looks like 1671-2026-000123-4."),
        )
    card = (
        Card.objects.select_related("office")
        .filter(number=parsed.canonical)
        .exclude(status=CardStatus.SUPERSEDED)
        .first()
    )
    if card is None or birth_date is None or card.birth_date != birth_date:
        return _refuse(method, hashed, VerificationOutcome.NOT_FOUND, not_found_message())
    return _answer(card, method, hashed)


def card_verify_token(*, token: str, ip_address: str | None) -> Verification:
    """Check a QR token: the signature first (with the published keys), then the status
    of exactly the card version it was printed for."""
    method = VerificationMethod.QR
    hashed = client_hash(ip_address)
    _check_rate(method, hashed)
    # No explicit transaction (see card_verify_number): the log row commits on its own.
    try:
        claims = token_verify(token, qr_keys.published_jwks())
    except TokenError:
        return _refuse(
            method,
            hashed,
            VerificationOutcome.BAD_TOKEN,
            _(
                "This QR code is not genuine: it was not signed by a Pencaker office. "
                "Do not accept the card; ask the office that issued it."
            ),
        )
    card = (
        Card.objects.select_related("office")
        .filter(number=claims.number, version=claims.version)
        .first()
    )
    if card is None:
        return _refuse(method, hashed, VerificationOutcome.NOT_FOUND, not_found_message())
    return _answer(card, method, hashed)
