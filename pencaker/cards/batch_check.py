"""A verified employer checks up to ``BATCH_MAX`` cards at once (issue 11, item 6).

The employer pastes lines or uploads a CSV of ``number,birth date``; each line is checked
exactly like the public check by number (same answers: a wrong check digit is named, an
unknown number and a wrong birth date answer alike) and each check is logged in
``VerificationLog`` as the public check is, with method ``batch`` and the keyed hash of
the organisation instead of the client address. One audit row records the batch.

cards sits above employers (ADR 0014): it asks employers' selector whether the account
belongs to a verified organisation; employers never imports cards.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from pencaker.cards.choices import CardStatus, VerificationMethod, VerificationOutcome
from pencaker.cards.errors import CardErrorCode
from pencaker.cards.models import Card, VerificationLog
from pencaker.cards.numbers import CardNumberError, parse_card_number
from pencaker.cards.services import (
    Verification,
    client_hash,
    not_found_message,
    verification_answer,
)
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import DomainError, PermissionDenied
from pencaker.employers.selectors import organisation_verified_of

BATCH_MAX = 200
_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")


@dataclass(frozen=True)
class BatchRow:
    line: int
    number: str
    birth_date: dt.date | None
    error: str = ""  # set when the line itself could not be read


@dataclass(frozen=True)
class BatchResult:
    row: BatchRow
    verification: Verification


def _parse_date(text: str) -> dt.date | None:
    text = text.strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def batch_rows_parse(text: str) -> list[BatchRow]:
    """Lines of ``number,birth date`` (comma, semicolon or tab; a header line is skipped)."""
    rows: list[BatchRow] = []
    sample = text[:2000]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    if "\t" in sample and sample.count("\t") >= sample.count(delimiter):
        delimiter = "\t"
    for index, parts in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        cells = [p.strip() for p in parts if p.strip()]
        if not cells:
            continue
        if index == 1 and not any(ch.isdigit() for ch in cells[0]):
            continue  # a header such as "nomor,tanggal_lahir"
        number = cells[0]
        birth = _parse_date(cells[1]) if len(cells) > 1 else None
        error = "" if birth else _("Line %(line)s: add the holder's date of birth (17-08-1995).")
        rows.append(BatchRow(index, number, birth, error % {"line": index} if error else ""))
    return rows


def card_check_many(
    *, actor: Any, rows: Sequence[BatchRow], ip_address: str | None = None
) -> list[BatchResult]:
    """Check every row for a member of a verified organisation; one log row per check."""
    organisation = organisation_verified_of(actor)
    if organisation is None:
        raise PermissionDenied(
            CardErrorCode.EMPLOYER_NOT_VERIFIED,
            _("Only members of a verified employer can check cards in bulk."),
        )
    if not rows:
        raise DomainError(
            CardErrorCode.BATCH_EMPTY, _("Paste at least one line: card number, birth date.")
        )
    if len(rows) > BATCH_MAX:
        raise DomainError(
            CardErrorCode.BATCH_TOO_LARGE,
            _("At most %(max)s cards at once; split the list.") % {"max": BATCH_MAX},
        )
    hashed = client_hash(f"organisation:{organisation.pk}")
    parsed: dict[int, str] = {}
    answers: dict[int, Verification] = {}
    for row in rows:
        if row.error:
            answers[row.line] = Verification(
                outcome=VerificationOutcome.BAD_FORMAT, message=row.error
            )
            continue
        try:
            parsed[row.line] = parse_card_number(row.number).canonical
        except CardNumberError as exc:
            outcome = (
                VerificationOutcome.BAD_CHECK_DIGIT
                if exc.reason == "check_digit"
                else VerificationOutcome.BAD_FORMAT
            )
            message = (
                _("Invalid card number (wrong check digit). Check every digit again.")
                if exc.reason == "check_digit"
                else _("This is not a card number. It looks like 1671-2026-000123-4.")
            )
            answers[row.line] = Verification(outcome=outcome, message=message)
    cards = {
        card.number: card
        for card in Card.objects.select_related("office")
        .filter(number__in=set(parsed.values()))
        .exclude(status=CardStatus.SUPERSEDED)
    }
    logs = []
    for row in rows:
        if row.line in answers:
            logs.append(
                VerificationLog(
                    method=VerificationMethod.BATCH,
                    outcome=answers[row.line].outcome,
                    client_hash=hashed,
                )
            )
            continue
        card = cards.get(parsed[row.line])
        if card is None or card.birth_date != row.birth_date:
            answers[row.line] = Verification(
                outcome=VerificationOutcome.NOT_FOUND, message=not_found_message()
            )
            logs.append(
                VerificationLog(
                    method=VerificationMethod.BATCH,
                    outcome=VerificationOutcome.NOT_FOUND,
                    client_hash=hashed,
                )
            )
        else:
            answers[row.line] = verification_answer(card)
            logs.append(
                VerificationLog(
                    method=VerificationMethod.BATCH,
                    outcome=VerificationOutcome.FOUND,
                    card=card,
                    client_hash=hashed,
                )
            )
    # Logged before any answer leaves (autocommit, one INSERT for the batch).
    VerificationLog.objects.bulk_create(logs)
    audit_record(
        actor=actor,
        action=AuditAction.EMPLOYER_CARDS_CHECKED,
        obj=organisation,
        office=organisation.office,
        ip_address=ip_address,
        data={
            "checks": len(rows),
            "found": sum(1 for a in answers.values() if a.found),
        },
    )
    return [BatchResult(row, answers[row.line]) for row in rows]
