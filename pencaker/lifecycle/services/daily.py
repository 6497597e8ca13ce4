"""The daily rules of the card lifecycle: expire cards past their two years, remove
holders whose missed report is past the grace period, remind holders whose report is due
or overdue. Every status change goes through ``cards.services.card_status_change`` with
the system as actor (``None``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import transaction

from pencaker.cards.choices import CardStatus
from pencaker.cards.models import Card
from pencaker.cards.services import card_status_change
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.calendar import local_date
from pencaker.lifecycle import notices
from pencaker.lifecycle.choices import EventKind
from pencaker.lifecycle.events import registration_is_open, seeker_event_record
from pencaker.lifecycle.models import Report
from pencaker.lifecycle.schedule import ReportSlot, Rules, current_slot
from pencaker.lifecycle.selectors import rules_for_office
from pencaker.offices.models import Office


@dataclass
class DailyResult:
    expired: int = 0
    removed: int = 0
    reminders_due: int = 0
    reminders_overdue: int = 0
    messages: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _expire(card_id: int, today: dt.date) -> bool:
    with transaction.atomic():
        card = Card.objects.select_for_update().select_related("office", "holder").get(pk=card_id)
        if card.status != CardStatus.ACTIVE or card.valid_until >= today:
            return False
        card = card_status_change(
            card_id=card.pk, to=CardStatus.EXPIRED, actor=None, note="valid_until passed"
        )
        audit_record(
            actor=None,
            action=AuditAction.LIFECYCLE_CARD_EXPIRED,
            obj=card,
            office=card.office,
            data={"valid_until": card.valid_until.isoformat()},
        )
        if registration_is_open(card.holder):
            seeker_event_record(kind=EventKind.EXPIRED, card=card, on=today)
        notices.card_expired(card=card)
    return True


def _remove(card_id: int, slot: ReportSlot, today: dt.date) -> bool:
    with transaction.atomic():
        card = Card.objects.select_for_update().select_related("office", "holder").get(pk=card_id)
        if card.status != CardStatus.ACTIVE:
            return False
        if Report.objects.filter(
            card_number=card.number, period_start=card.issued_on, number=slot.number
        ).exists():
            return False
        reason = f"report {slot.number} due {slot.due_on.isoformat()} not made"
        card = card_status_change(card_id=card.pk, to=CardStatus.REMOVED, actor=None, note=reason)
        audit_record(
            actor=None,
            action=AuditAction.LIFECYCLE_HOLDER_REMOVED,
            obj=card,
            office=card.office,
            data={"report": slot.number, "due_on": slot.due_on.isoformat(), "reason": reason},
        )
        if registration_is_open(card.holder):
            seeker_event_record(kind=EventKind.REMOVED, card=card, on=today, note=reason)
        notices.card_removed(card=card, slot=slot)
    return True


def _remind(card: Card, slot: ReportSlot, rules: Rules, today: dt.date, result: DailyResult):
    if today <= slot.closes_on:
        kind = "due"
    else:
        kind = "overdue"
    with transaction.atomic():
        sent = notices.report_reminder(
            card=card, slot=slot, kind=kind, removal_enabled=rules.removal_enabled
        )
    result.messages += sent
    if sent and kind == "due":
        result.reminders_due += 1
    elif sent:
        result.reminders_overdue += 1


def lifecycle_daily(
    *, today: dt.date, office: Office | None = None, time_zone: str | None = None
) -> DailyResult:
    """Apply the office rules for ``today``: expire cards past their two years, remove
    holders whose missed report is past the grace period, remind holders whose report is
    due or overdue. Idempotent: a second run on the same day changes and sends nothing
    new (status checks under row locks; dedupe keys on every message)."""
    result = DailyResult()
    rules_cache: dict[int, Rules] = {}
    cards = Card.objects.filter(status=CardStatus.ACTIVE).select_related("office", "holder")
    if office is not None:
        cards = cards.filter(office=office)
    if time_zone is not None:
        cards = cards.filter(office__time_zone=time_zone)
    for card in cards.order_by("id").iterator(chunk_size=500):
        rules = rules_cache.get(card.office_id)
        if rules is None:
            rules = rules_cache[card.office_id] = rules_for_office(card.office)
        try:
            if card.valid_until < today:
                if rules.expiry_enabled and _expire(card.pk, today):
                    result.expired += 1
                continue
            slot = current_slot(card.issued_on, rules, today)
            if slot is None:
                continue
            if Report.objects.filter(
                card_number=card.number, period_start=card.issued_on, number=slot.number
            ).exists():
                continue
            if rules.removal_enabled and today >= slot.removal_on:
                if _remove(card.pk, slot, today):
                    result.removed += 1
                continue
            if not rules.removal_enabled and today >= slot.removal_on:
                continue  # missed; with removal off the holder is not chased for ever
            _remind(card, slot, rules, today, result)
        except Exception as exc:  # noqa: BLE001 - one bad card must not stop the others
            result.errors.append(f"{card.number} v{card.version}: {type(exc).__name__}: {exc}")
    return result


def lifecycle_daily_local(*, now: dt.datetime | None = None) -> DailyResult:
    """The daily run for every office on ITS date (ADR 0031): the offices of each time zone
    (WIB, WITA, WIT) with the date of that zone at ``now``. Shortly after midnight in
    Jayapura it is still the evening before in Jakarta: the WIT offices' day has begun."""
    total = DailyResult()
    zones = Office.objects.order_by().values_list("time_zone", flat=True).distinct()
    for zone in sorted(set(zones)):
        part = lifecycle_daily(today=local_date(now, zone), time_zone=zone)
        for name in ("expired", "removed", "reminders_due", "reminders_overdue", "messages"):
            setattr(total, name, getattr(total, name) + getattr(part, name))
        total.errors.extend(part.errors)
    return total
