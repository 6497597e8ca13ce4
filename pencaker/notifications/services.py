"""Writes for the outbox: render and queue a message, deliver it, retry it.

This is the one way out of the system for every email, SMS and WhatsApp message: no other
app calls ``send_mail``, ``EmailMessage`` or a gateway (a test scans the tree for it).
Callers render a template into the outbox inside their transaction, with a dedupe key;
delivery starts after commit and is retried with back-off.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from pencaker.core.links import site_address
from pencaker.notifications.gateways import get_gateway
from pencaker.notifications.models import Channel, DeliveryStatus, Notification

logger = logging.getLogger("pencaker.notifications")

BACKOFF_MINUTES = [1, 5, 15, 60, 240, 720]


@dataclass(frozen=True)
class OutgoingMessage:
    """One message for ``notification_queue_many``.

    ``erase_after_delivery`` deletes the message once it is sent (and blanks its address
    and text if it is given up): for a message that must not stay linked to its
    recipient, such as the anonymous survey link.
    """

    channel: str
    recipient: str
    kind: str
    body: str
    subject: str = ""
    dedupe_key: str | None = None
    erase_after_delivery: bool = False


def dedupe_part(secret: str) -> str:
    """A short digest of a one-time token, for a dedupe key that names one request
    (a new token, a new message) without writing the token itself into the key."""
    return hashlib.sha256(secret.encode()).hexdigest()[:24]


def notification_contact(person: Any) -> tuple[str, str] | None:
    """Where a message to ``person`` (a user) goes: ``(channel, recipient)``.

    The email address when the account has one, otherwise its mobile number by SMS (a
    phone-first account, ADR 0027, has no email); ``None`` when it has neither. Messages
    that have an email and an SMS variant of their own (AK/1 status, lifecycle) send both;
    this is for the ones that had only an email.
    """
    email = (getattr(person, "email", None) or "").strip()
    if email:
        return Channel.EMAIL, email
    phone = (getattr(person, "phone", None) or "").strip()
    if phone:
        return Channel.SMS, phone
    return None


def notification_render(
    *, channel: str, template: str, context: Mapping[str, Any], language: str | None = None
) -> tuple[str, str]:
    """Render ``<template>_subject.txt`` and ``<template>_body.txt`` (email) or
    ``<template>_sms.txt`` (SMS, WhatsApp) in ``language`` (default: the active one).

    Returns ``(subject, body)``. The subject and the SMS text are folded onto one line.
    """
    context = {"site_url": site_address(), **context}
    override = translation.override(language) if language else contextlib.nullcontext()
    with override:
        if channel == Channel.EMAIL:
            subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
            return subject, render_to_string(f"{template}_body.txt", context)
        return "", " ".join(render_to_string(f"{template}_sms.txt", context).split())


def notification_message(
    *,
    channel: str,
    recipient: str,
    kind: str,
    template: str,
    context: Mapping[str, Any],
    dedupe_key: str | None,
    language: str | None = None,
    erase_after_delivery: bool = False,
) -> OutgoingMessage:
    """An ``OutgoingMessage`` rendered from templates (see ``notification_render``)."""
    subject, body = notification_render(
        channel=channel, template=template, context=context, language=language
    )
    return OutgoingMessage(
        channel=channel,
        recipient=recipient,
        kind=kind,
        body=body,
        subject=subject,
        dedupe_key=dedupe_key,
        erase_after_delivery=erase_after_delivery,
    )


def _outbox_insert(message: OutgoingMessage) -> tuple[Notification, bool]:
    # Insert first and let the unique dedupe_key refuse a repeat: the repeat is the rare
    # case, so looking the key up before every insert cost a query on the common path.
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                channel=message.channel,
                recipient=message.recipient,
                kind=message.kind,
                subject=message.subject[:200],
                body=message.body,
                dedupe_key=message.dedupe_key,
                erase_after_delivery=message.erase_after_delivery,
                next_attempt_at=timezone.now(),
            )
    except IntegrityError:
        if not message.dedupe_key:
            raise
        # The key was used before (or by a concurrent caller): the first message stands.
        return Notification.objects.get(dedupe_key=message.dedupe_key), False
    return notification, True


def notification_queue(
    *,
    channel: str,
    recipient: str,
    kind: str,
    body: str,
    subject: str = "",
    dedupe_key: str | None = None,
) -> Notification:
    """Put a message in the outbox; delivery starts after the caller's transaction commits.

    With a ``dedupe_key`` already used, returns the existing message and queues nothing.
    """
    return notification_queue_many(
        [OutgoingMessage(channel, recipient, kind, body, subject, dedupe_key)]
    )[0]


def notification_queue_many(messages: Sequence[OutgoingMessage]) -> list[Notification]:
    """``notification_queue`` for several messages of one event (e.g. an email and an SMS).

    The deliveries of all of them are enqueued after the caller's commit in one
    transaction: one commit for the task rows instead of one per message.
    """
    return [notification for notification, _created in _queue(messages)]


def notification_queue_new(messages: Sequence[OutgoingMessage]) -> int:
    """``notification_queue_many``, returning how many messages were new (0 when every
    dedupe key had been used before: a re-run of the same event)."""
    return sum(created for _notification, created in _queue(messages))


def _queue(messages: Sequence[OutgoingMessage]) -> list[tuple[Notification, bool]]:
    queued = [_outbox_insert(message) for message in messages]
    new_ids = [notification.pk for notification, created in queued if created]
    if new_ids:
        transaction.on_commit(lambda: _enqueue_deliveries(new_ids))
    return queued


def notification_queue_templated(
    *,
    channel: str,
    recipient: str,
    kind: str,
    template: str,
    context: Mapping[str, Any],
    language: str | None = "id",
    dedupe_key: str | None = None,
    erase_after_delivery: bool = False,
) -> Notification:
    """Render ``<template>_subject.txt`` and ``_body.txt`` (or ``_sms.txt``) in
    ``language`` and queue the message (``None``: the active language)."""
    message = notification_message(
        channel=channel,
        recipient=recipient,
        kind=kind,
        template=template,
        context=context,
        dedupe_key=dedupe_key,
        language=language,
        erase_after_delivery=erase_after_delivery,
    )
    return notification_queue_many([message])[0]


def _enqueue_delivery(notification_id: int) -> None:
    _enqueue_deliveries([notification_id])


def _enqueue_deliveries(notification_ids: Sequence[int]) -> None:
    # Imported here: notifications.tasks imports this module (the task calls the service).
    from pencaker.notifications.tasks import deliver_notification

    if len(notification_ids) == 1:
        deliver_notification.enqueue(notification_ids[0])
        return
    # A message whose task row is lost (crash right here) is still pending in the outbox:
    # notifications_retry_due sends it.
    with transaction.atomic():
        for notification_id in notification_ids:
            deliver_notification.enqueue(notification_id)


def notification_deliver(*, notification_id: int) -> Notification | None:
    """Try to send one message once. Safe to call twice: a sent message is not resent.

    Returns ``None`` when the message is no longer in the outbox (sent and erased).
    """
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.status != DeliveryStatus.PENDING:
            return notification
        notification.attempts += 1
        try:
            if notification.channel == Channel.EMAIL:
                EmailMessage(
                    subject=notification.subject,
                    body=notification.body,
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=[notification.recipient],
                ).send()
            else:
                get_gateway().send(
                    channel=notification.channel, to=notification.recipient, text=notification.body
                )
        except Exception as exc:  # noqa: BLE001 - any delivery failure is retried
            notification.last_error = f"{type(exc).__name__}: {exc}"[:500]
            if notification.attempts >= notification.max_attempts:
                notification.status = DeliveryStatus.FAILED
                notification.next_attempt_at = None
            else:
                delay = BACKOFF_MINUTES[min(notification.attempts - 1, len(BACKOFF_MINUTES) - 1)]
                notification.next_attempt_at = timezone.now() + dt.timedelta(minutes=delay)
            logger.warning(
                "notification delivery failed",
                extra={"notification": notification.pk, "attempt": notification.attempts},
            )
        else:
            notification.status = DeliveryStatus.SENT
            notification.sent_at = timezone.now()
            notification.next_attempt_at = None
            notification.last_error = ""
        if notification.erase_after_delivery and notification.status == DeliveryStatus.SENT:
            # Delivered: the address and the link it carried are not kept (the row goes).
            notification.delete()
            return notification
        if notification.erase_after_delivery and notification.status == DeliveryStatus.FAILED:
            # Given up: the failure stays countable, without the address and the link.
            notification.recipient = ""
            notification.body = ""
        notification.save()
        return notification


def notifications_retry_due(*, now: dt.datetime | None = None) -> int:
    """Deliver every pending message whose next attempt is due; returns how many were tried."""
    now = now or timezone.now()
    due = list(
        Notification.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:500]
    )
    for pk in due:
        notification_deliver(notification_id=pk)
    return len(due)


BULK_BATCH = 500
DELIVERY_BATCH = 100


def notification_queue_bulk(messages: Sequence[OutgoingMessage]) -> int:
    """``notification_queue_new`` for many messages of one run (the day's vacancy digests
    for thousands of seekers), returning how many were new.

    The dedupe keys already used are read in one query and the new rows written with one
    INSERT per ``BULK_BATCH``; deliveries start after the caller's commit, one task per
    ``DELIVERY_BATCH`` messages (each message is still delivered, retried and counted on
    its own). A key taken meanwhile by a concurrent caller makes the whole call fall back
    to one insert per message, where the first message with a key stands.
    """
    used = _dedupe_keys_used([m.dedupe_key for m in messages if m.dedupe_key])
    unique: list[OutgoingMessage] = []
    for message in messages:
        if message.dedupe_key:
            if message.dedupe_key in used:
                continue  # a repeat (here or earlier): the first message stands
            used.add(message.dedupe_key)
        unique.append(message)
    if not unique:
        return 0
    now = timezone.now()
    rows = [
        Notification(
            channel=m.channel,
            recipient=m.recipient,
            kind=m.kind,
            subject=m.subject[:200],
            body=m.body,
            dedupe_key=m.dedupe_key,
            erase_after_delivery=m.erase_after_delivery,
            next_attempt_at=now,
        )
        for m in unique
    ]
    try:
        with transaction.atomic():
            created = Notification.objects.bulk_create(rows, batch_size=BULK_BATCH)
    except IntegrityError:
        return notification_queue_new(unique)
    new_ids = [n.pk for n in created]
    if None in new_ids:  # a database that does not return the new keys
        new_ids = list(
            Notification.objects.filter(
                dedupe_key__in=[m.dedupe_key for m in unique if m.dedupe_key]
            ).values_list("pk", flat=True)
        )
    transaction.on_commit(lambda: _enqueue_delivery_batches(new_ids))
    return len(unique)


def _dedupe_keys_used(keys: Sequence[str]) -> set[str]:
    used: set[str] = set()
    for start in range(0, len(keys), BULK_BATCH):
        used.update(
            key
            for key in Notification.objects.filter(dedupe_key__in=keys[start : start + BULK_BATCH])
            .values_list("dedupe_key", flat=True)
            .iterator()
            if key
        )
    return used


def _enqueue_delivery_batches(notification_ids: Sequence[int]) -> None:
    from pencaker.notifications.tasks import deliver_notifications

    with transaction.atomic():
        for start in range(0, len(notification_ids), DELIVERY_BATCH):
            deliver_notifications.enqueue(list(notification_ids[start : start + DELIVERY_BATCH]))


def notifications_deliver_many(*, notification_ids: Sequence[int]) -> dict[str, int]:
    """``notification_deliver`` for each message, each in its own transaction (a failure
    is retried for that message alone); returns the count per outcome."""
    outcomes: dict[str, int] = {}
    for notification_id in notification_ids:
        notification = notification_deliver(notification_id=notification_id)
        status = notification.status if notification is not None else "erased"
        outcomes[status] = outcomes.get(status, 0) + 1
    return outcomes
