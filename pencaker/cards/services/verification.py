"""Public checks of a card (by typed number and date of birth, or by QR token): rate
limited per client, logged before answering, and answering only the minimum."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.cards import qr_keys
from pencaker.cards.choices import CardStatus, VerificationMethod, VerificationOutcome
from pencaker.cards.errors import CardErrorCode
from pencaker.cards.models import Card, VerificationLog
from pencaker.cards.numbers import CardNumberError, parse_card_number
from pencaker.cards.tokens import TokenError, token_verify
from pencaker.core.errors import DomainError
from pencaker.core.prepared import PreparedInsert, PreparedRead


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
    #: A placed card: the employer printed on it ("Diterima bekerja di …").
    placed_with: str = ""

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


# The table name is fixed in VerificationAllowance.Meta.db_table.
_ALLOWANCE_TAKE = """
INSERT INTO cards_verificationallowance AS a (client_hash, window_start, used)
VALUES (%s, %s, 1)
ON CONFLICT (client_hash) DO UPDATE SET
    used = CASE WHEN a.window_start <= %s THEN 1 ELSE a.used + 1 END,
    window_start = CASE WHEN a.window_start <= %s THEN excluded.window_start ELSE a.window_start END
WHERE a.window_start <= %s OR a.used < %s
RETURNING used
"""


def _allowance_take(hashed: str, limit: int, window: int) -> bool:
    """Take one check from the client's allowance; False when the window's limit is used.

    One statement, atomic on its own (no transaction around it, see the query budgets
    in tests/test_verification_queries.py): an upsert that starts a new window, adds one
    in the current window, or changes nothing (and returns no row) at the limit.
    PostgreSQL locks the client's row and re-checks the condition on the latest version
    when two checks meet; SQLite runs one write at a time. Counting the log rows and then
    writing one (as before) let 60 parallel checks through a limit of 20 (ADR 0017)."""
    now = timezone.now()
    ops = connection.ops
    started = ops.adapt_datetimefield_value(now)
    expired = ops.adapt_datetimefield_value(now - dt.timedelta(seconds=window))
    with connection.cursor() as cursor:
        cursor.execute(_ALLOWANCE_TAKE, [hashed, started, expired, expired, expired, limit])
        return cursor.fetchone() is not None


def _check_rate(method: str, hashed: str) -> None:
    """At most N checks per client per window, counted in the database so every app
    server and process shares the same count."""
    limit, window = _limit()
    if not _allowance_take(hashed, limit, window):
        _log(method, VerificationOutcome.RATE_LIMITED, hashed)
        raise DomainError(
            CardErrorCode.RATE_LIMITED,
            _("Too many checks from your connection. Please wait %(minutes)s minutes.")
            % {"minutes": max(1, window // 60)},
            status=429,
        )


# The card check runs for every citizen and employer who checks a card: its three
# statements are written once per process (core.prepared) rather than compiled by the ORM
# on every check, which cost more CPU than the rest of the request (issue 18).
_ANSWER_FIELDS = (
    "id",
    "number",
    "version",
    "status",
    "issued_on",
    "valid_until",
    "holder_name",
    "nik_masked",
    "birth_date",
    "data",
    "office_id",
)
_CARD_BY_NUMBER = PreparedRead(
    Card,
    _ANSWER_FIELDS,
    # At most one row: a number has one version that is not superseded
    # (constraint card_one_current_version).
    where=[("number", "="), ("status", "<>")],
    join="office",
    join_fields=("name", "code"),
)
_CARD_BY_VERSION = PreparedRead(
    Card,
    _ANSWER_FIELDS,
    where=[("number", "="), ("version", "=")],  # unique (card_number_version)
    join="office",
    join_fields=("name", "code"),
)
_LOG_INSERT = PreparedInsert(VerificationLog, ("at", "method", "outcome", "card", "client_hash"))


def _log(method: str, outcome: str, hashed: str, card_id: int | None = None) -> None:
    """The check's log row, committed on its own (autocommit) before the answer."""
    _LOG_INSERT.execute(timezone.now(), method, outcome, card_id, hashed)


def effective_status(card: Card, today: dt.date | None = None) -> str:
    today = today or timezone.localdate()
    if card.status == CardStatus.ACTIVE and card.valid_until < today:
        return CardStatus.EXPIRED
    return card.status


def _answer(card: Card, method: str, hashed: str) -> Verification:
    # Logged before the answer is built: no answer leaves without its log row committed.
    _log(method, VerificationOutcome.FOUND, hashed, card.pk)
    return verification_answer(card)


def verification_answer(card: Card) -> Verification:
    """The minimal answer about a found card (the caller has logged the check)."""
    status = effective_status(card)
    if status == CardStatus.REVOKED:
        # "Dicabut" and nothing else: no name, no NIK, no dates, never the reason (a
        # revocation for identity fraud must not expose the person whose identity it was).
        return Verification(
            outcome=VerificationOutcome.FOUND,
            status=status,
            status_label=str(CardStatus(status).label),
            number=card.number,
            version=card.version,
            office_name=card.office.name,
            office_code=card.office.code,
        )
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
        placed_with=(
            str((card.data.get("placement") or {}).get("employer") or "")
            if status == CardStatus.PLACED
            else ""
        ),
    )


def _refuse(method: str, hashed: str, outcome: str, message: str) -> Verification:
    _log(method, outcome, hashed)
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
    card = _CARD_BY_NUMBER.first(parsed.canonical, CardStatus.SUPERSEDED.value)
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
    card = _CARD_BY_VERSION.first(claims.number, claims.version)
    if card is None:
        return _refuse(method, hashed, VerificationOutcome.NOT_FOUND, not_found_message())
    return _answer(card, method, hashed)
