"""Re-issue the current card version with a report row or the placement line filled in.

STAND-IN for a cards service: ``pencaker.cards.services`` has ``card_issue`` (for an
application) but no re-issue of the same period. Until the cards app provides
``card_reissue(*, card_id, actor, data_changes, note) -> Card`` with exactly this
behaviour, this module does it with the cards app's own workflow helper and renderer,
so the rules (transition table, history row, audit, unique current version) are the
cards app's. A report keeps the card's number, issue date and validity (the Laporan due
dates are counted from the issue date); only the version and the printed rows change.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from pencaker.cards.choices import CardStatus
from pencaker.cards.models import Card, CardStatusChange
from pencaker.cards.workflow import move
from pencaker.core.audit import audit_record
from pencaker.core.errors import Conflict


def card_reissue(*, card: Card, actor: Any, data_changes: dict[str, Any], note: str) -> Card:
    """Supersede ``card`` (locked by the caller, inside its transaction) by a new version
    with ``data_changes`` merged into the frozen data. The PDF is rendered after commit."""
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
    transaction.on_commit(lambda: _render_after_commit(card_id))
    return new


def _render_after_commit(card_id: int) -> None:
    from pencaker.lifecycle.tasks import render_card_version

    render_card_version.enqueue(card_id)
