"""Messages of the events app, written to the outbox inside the service's transaction.
Each dedupe key names the registration and the moment, so a repeated call never sends the
same message twice."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from pencaker.core.links import absolute_url
from pencaker.notifications.services import notification_contact, notification_queue_templated

KINDS = frozenset({"registered", "waitlisted", "promoted", "reminder"})


def registration_notify(*, registration: Any, kind: str, key: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown event message {kind!r}")
    event = registration.event
    # By email, or by SMS to a phone-only account (ADR 0032).
    contact = notification_contact(registration.seeker)
    if contact is None:
        return
    channel, recipient = contact
    notification_queue_templated(
        channel=channel,
        recipient=recipient,
        kind=f"event.{kind}",
        template=f"events/email/{kind}",
        context={
            "event": event,
            "registration": registration,
            "url": absolute_url(reverse("events:detail", args=[event.pk])),
            "ticket_url": absolute_url(reverse("events:ticket", args=[registration.pk])),
        },
        language=settings.LANGUAGE_CODE,
        dedupe_key=f"event_registration:{registration.pk}:{kind}:{key}",
    )
