"""Messages to participants while a wave runs and after it, written to the notifications
outbox inside the service's transaction. Each dedupe key names the event and its object,
so a repeated call never sends the same message twice. A phone-only account gets the SMS
text."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from pencaker.core.links import absolute_url
from pencaker.notifications.services import notification_queue_templated

EVENTS = frozenset({"completed", "dropped_out", "follow_up", "paid", "payment_failed"})


def participant_notify(*, registration: Any, event: str, key: str, **context: Any) -> None:
    if event not in EVENTS:
        raise ValueError(f"unknown training event {event!r}")
    seeker = registration.seeker
    if seeker.email:
        channel, recipient = "email", seeker.email
    elif getattr(seeker, "phone", ""):
        channel, recipient = "sms", str(seeker.phone)
    else:
        return
    wave = registration.wave
    notification_queue_templated(
        channel=channel,
        recipient=recipient,
        kind=f"training.{event}",
        template=f"training/running/email/{event}",
        context={
            "registration": registration,
            "wave": wave,
            "programme": wave.programme,
            "url": absolute_url(reverse("training_running:participation", args=[registration.pk])),
            **context,
        },
        language=settings.LANGUAGE_CODE,
        dedupe_key=f"training_running:{registration.pk}:{event}:{key}",
    )
