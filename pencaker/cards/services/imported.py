"""Cards of holders brought in from an office's existing records (exchange's import).

The card keeps its real number and issue date. Its PDF and QR token are NOT produced
here: rendering and signing take about a second per card, so a 5,000-row import would
hold its transaction for more than an hour. The card is rendered when the holder claims
the account (``render_card_version``, the existing task) or whenever its PDF is first
needed; until then the number verifies by the public number check (ADR 0024).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from pencaker.accounts.models import User
from pencaker.cards import rules
from pencaker.cards.choices import CardStatus
from pencaker.cards.models import Card, CardNumberCounter, CardStatusChange
from pencaker.cards.numbers import parse_card_number
from pencaker.offices.models import Office


@dataclass(frozen=True)
class ImportedCard:
    holder_id: int
    number: str
    issued_on: dt.date
    holder_name: str
    nik_masked: str
    birth_date: dt.date
    status: str = CardStatus.ACTIVE
    data: dict[str, Any] = field(default_factory=dict)


IMPORT_NOTE = "imported"


def cards_import_bulk(
    *, office: Office, cards: list[ImportedCard], actor: User | None
) -> list[Card]:
    """Create version 1 of each card with its status history, and move the office's
    number counters past every imported sequence so that new cards never reuse one.
    Call inside the caller's transaction."""
    rows = [
        Card(
            holder_id=item.holder_id,
            office=office,
            number=item.number,
            version=1,
            status=item.status,
            issued_on=item.issued_on,
            valid_until=rules.valid_until(item.issued_on),
            holder_name=item.holder_name,
            nik_masked=item.nik_masked,
            birth_date=item.birth_date,
            signer_name=office.signer_name,
            signer_nip=office.signer_nip,
            data=item.data,
            issued_by=actor if getattr(actor, "pk", None) else None,
        )
        for item in cards
    ]
    created = Card.objects.bulk_create(rows, batch_size=1000)
    history = []
    for card in created:
        history.append(
            CardStatusChange(
                card=card, from_status="", to_status=CardStatus.ACTIVE, note=IMPORT_NOTE
            )
        )
        if card.status != CardStatus.ACTIVE:
            history.append(
                CardStatusChange(
                    card=card,
                    from_status=CardStatus.ACTIVE,
                    to_status=card.status,
                    note=IMPORT_NOTE,
                )
            )
    CardStatusChange.objects.bulk_create(history, batch_size=1000)
    highest: dict[int, int] = {}
    for card in created:
        parsed = parse_card_number(card.number)
        highest[parsed.year] = max(highest.get(parsed.year, 0), parsed.sequence)
    for year, sequence in highest.items():
        counter, _new = CardNumberCounter.objects.get_or_create(office=office, year=year)
        counter = CardNumberCounter.objects.select_for_update().get(pk=counter.pk)
        if counter.last_sequence < sequence:
            counter.last_sequence = sequence
            counter.save(update_fields=["last_sequence"])
    return created
