"""Status messages to the applicant, written to the notifications outbox.

Each message is queued inside the service's transaction (so it exists only if the change
commits) and delivered after commit with retries by the notifications app. The email goes
to the account's address; an SMS goes through the same outbox (``channel="sms"``, the
gateway interface) when the account has a mobile number. The dedupe key names the status
change, so a retried task or a repeated call never sends the same message twice.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from pencaker.applications.models import Application
from pencaker.applications.selectors import application_return_items
from pencaker.core.links import absolute_url
from pencaker.notifications.services import OutgoingMessage, notification_queue_many

EVENTS = frozenset({"submitted", "resubmitted", "returned", "approved", "rejected"})


def status_url(application: Application) -> str:
    path = reverse("applications:detail", args=[application.tracking_number])
    return absolute_url(path)


def _context(application: Application) -> dict[str, Any]:

    return {
        "application": application,
        "office": application.office,
        "items": application_return_items(application)
        if application.status == "needs_changes"
        else [],
        "status_url": status_url(application),
    }


def application_notify(*, application: Application, event: str, change_id: int | None) -> None:
    """Queue the email (and the SMS when there is a phone number) for ``event``.

    Call inside the service's transaction, after the status change was written.
    """

    if event not in EVENTS:
        raise ValueError(f"unknown application event {event!r}")
    applicant = application.applicant
    key = f"application:{application.pk}:{event}:{change_id or 0}"
    kind = f"application.{event}"
    messages = []
    with translation.override(settings.LANGUAGE_CODE):
        context = _context(application)
        if applicant.email:
            subject = render_to_string(f"applications/email/{event}_subject.txt", context)
            body = render_to_string(f"applications/email/{event}.txt", context)
            messages.append(
                OutgoingMessage(
                    channel="email",
                    recipient=applicant.email,
                    kind=kind,
                    subject=" ".join(subject.split()),
                    body=body,
                    dedupe_key=f"{key}:email",
                )
            )
        phone = (getattr(applicant, "phone", "") or "").strip()
        if phone:
            text = render_to_string(f"applications/sms/{event}.txt", context)
            messages.append(
                OutgoingMessage(
                    channel="sms",
                    recipient=phone,
                    kind=kind,
                    body=" ".join(text.split()),
                    dedupe_key=f"{key}:sms",
                )
            )
    # Both deliveries are enqueued after commit in one transaction (one commit, not two).
    notification_queue_many(messages)
