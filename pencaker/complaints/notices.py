"""Messages to the complainant: one template per step, through the outbox, only when a
contact was given. The message carries the status link (number and secret)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from pencaker.complaints.links import complaint_secret
from pencaker.complaints.models import Complaint
from pencaker.core.links import absolute_url
from pencaker.notifications.services import notification_queue_templated

EVENTS = frozenset(
    {
        "received",
        "verified",
        "declined",
        "assigned",
        "answered",
        "extended",
        "reopened",
        "escalated",
        "closed",
    }
)


def status_url(complaint: Complaint) -> str:
    return absolute_url(
        reverse("complaints:status", args=[complaint.tracking_number, complaint_secret(complaint)])
    )


def complaint_notify(complaint: Complaint, *, event: str, change: Any) -> None:
    if event not in EVENTS:
        raise ValueError(f"unknown complaint event {event!r}")
    if not complaint.contact_channel or not complaint.contact:
        return
    notification_queue_templated(
        channel=complaint.contact_channel,
        recipient=complaint.contact,
        kind=f"complaint.{event}",
        template=f"complaints/email/{event}",
        context={
            "complaint": complaint,
            "note": getattr(change, "public_note", ""),
            "url": status_url(complaint),
        },
        language=settings.LANGUAGE_CODE,
        dedupe_key=f"complaint:{complaint.pk}:{event}:{getattr(change, 'pk', 'x')}",
        # The address is the complainant's identity and the text carries the secret link:
        # neither stays in the outbox once delivered (ADR 19).
        erase_after_delivery=True,
    )
