"""Messages to the holder (email and SMS through the outbox), written in Indonesian.

The texts are templates under ``lifecycle/notices/``. Every message has a dedupe key, so
the daily task can run any number of times a day and the holder still gets each message
once: the outbox's unique key refuses the repeat.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import formats, translation

from pencaker.core.links import absolute_url
from pencaker.notifications.models import Channel
from pencaker.notifications.services import notification_message, notification_queue_new

LANGUAGE = "id"


def _date(day: dt.date) -> str:
    with translation.override(LANGUAGE):
        return formats.date_format(day, "j F Y")


def _url(name: str) -> str:
    return absolute_url(reverse(name))


def _send(*, holder: Any, kind: str, key: str, template: str, context: dict[str, Any]) -> int:
    """Queue the email and the SMS; returns how many were newly queued (0 on a re-run)."""
    recipients = []
    if holder.email:
        recipients.append((Channel.EMAIL, holder.email))
    if holder.phone:
        recipients.append((Channel.SMS, holder.phone))
    messages = [
        notification_message(
            channel=channel,
            recipient=recipient,
            kind=kind,
            template=f"lifecycle/notices/{template}",
            context=context,
            dedupe_key=f"{key}:{channel}",
            language=LANGUAGE,
        )
        for channel, recipient in recipients
    ]
    return notification_queue_new(messages)


def _name(card: Any) -> str:
    return card.holder_name or card.holder.full_name or ""


def report_reminder(*, card: Any, slot: Any, kind: str, removal_enabled: bool) -> int:
    """``kind`` is "due" (the window is open) or "overdue" (the window has closed)."""
    key = f"report-reminder:{card.number}:{card.issued_on.isoformat()}:{slot.number}:{kind}"
    context = {
        "name": _name(card),
        "n": slot.number,
        "number": card.number,
        "due": _date(slot.due_on),
        "opens": _date(slot.opens_on),
        "closes": _date(slot.closes_on),
        "last_day": _date(slot.removal_on - dt.timedelta(days=1)),
        "url": _url("lifecycle:home"),
        "office": card.office.name,
        "removal_enabled": removal_enabled,
    }
    return _send(
        holder=card.holder,
        kind=f"lifecycle.report_{kind}",
        key=key,
        template=f"report_{'due' if kind == 'due' else 'overdue'}",
        context=context,
    )


def card_expired(*, card: Any) -> int:
    return _send(
        holder=card.holder,
        kind="lifecycle.card_expired",
        key=f"card-expired:{card.number}:{card.issued_on.isoformat()}",
        template="card_expired",
        context={
            "name": _name(card),
            "number": card.number,
            "date": _date(card.valid_until),
            "url": _url("lifecycle:home"),
            "office": card.office.name,
        },
    )


def card_removed(*, card: Any, slot: Any) -> int:
    return _send(
        holder=card.holder,
        kind="lifecycle.card_removed",
        key=f"card-removed:{card.number}:{card.issued_on.isoformat()}",
        template="card_removed",
        context={
            "name": _name(card),
            "number": card.number,
            "n": slot.number,
            "due": _date(slot.due_on),
            "url": _url("lifecycle:home"),
            "office": card.office.name,
        },
    )


def placement_thanks(*, card: Any, placement: Any, survey_url: str) -> int:
    return _send(
        holder=card.holder,
        kind="lifecycle.placement_thanks",
        key=f"placement-thanks:{placement.pk}",
        template="placement_thanks",
        context={
            "name": _name(card),
            "employer": placement.employer,
            "survey": survey_url,
            "office": card.office.name,
        },
    )


def dispute_received(*, card: Any, dispute: Any) -> int:
    return _send(
        holder=card.holder,
        kind="lifecycle.dispute_received",
        key=f"dispute-received:{dispute.pk}",
        template="dispute_received",
        context={
            "name": _name(card),
            "employer": dispute.placement.employer,
            "url": _url("lifecycle:home"),
            "office": card.office.name,
        },
    )


def dispute_resolved(*, card: Any, dispute: Any) -> int:
    return _send(
        holder=card.holder,
        kind="lifecycle.dispute_resolved",
        key=f"dispute-resolved:{dispute.pk}",
        template="dispute_resolved",
        context={
            "name": _name(card),
            "employer": dispute.placement.employer,
            "annulled": dispute.status == "annulled",
            "note": dispute.resolution_note,
            "url": _url("lifecycle:home"),
            "office": card.office.name,
        },
    )
