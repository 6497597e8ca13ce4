"""Messages of the vacancies app, written to the notifications outbox inside the service's
transaction. Each dedupe key names the status change, so a repeated call never sends the
same message twice."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from pencaker.core.links import absolute_url
from pencaker.notifications.services import notification_contact, notification_queue_templated

VACANCY_EVENTS = frozenset({"returned", "published", "closed"})
APPLICATION_EVENTS = frozenset(
    {"received", "shortlisted", "interview", "offered", "hired", "not_selected"}
)


def vacancy_notify(*, vacancy: Any, event: str, change: Any) -> None:
    if event not in VACANCY_EVENTS:
        raise ValueError(f"unknown vacancy event {event!r}")
    organisation = vacancy.organisation
    notification_queue_templated(
        channel="email",
        recipient=organisation.email,
        kind=f"vacancy.{event}",
        template=f"vacancies/email/vacancy_{event}",
        context={
            "vacancy": vacancy,
            "organisation": organisation,
            "items": list(change.return_items.all()) if event == "returned" else [],
            "note": change.note,
            "url": absolute_url(reverse("vacancies:employer_detail", args=[vacancy.pk])),
            "public_url": absolute_url(reverse("vacancies:detail", args=[vacancy.pk])),
        },
        language=settings.LANGUAGE_CODE,
        dedupe_key=f"vacancy:{vacancy.pk}:{event}:{change.pk}",
    )


def application_notify(*, application: Any, event: str, change: Any, message: str = "") -> None:
    """Tell the applicant of a new status (and the employer's message, if any)."""
    if event not in APPLICATION_EVENTS:
        raise ValueError(f"unknown application event {event!r}")
    # By email, or by SMS to a phone-only account (ADR 0032).
    contact = notification_contact(application.applicant)
    if contact is None:
        return
    channel, recipient = contact
    notification_queue_templated(
        channel=channel,
        recipient=recipient,
        kind=f"vacancy.application_{event}",
        template=f"vacancies/email/application_{event}",
        context={
            "application": application,
            "vacancy": application.vacancy,
            "organisation": application.vacancy.organisation,
            "message": message,
            "url": absolute_url(reverse("vacancies:my_applications")),
            # A hire records a placement on the card; the holder disputes a wrong one there.
            "dispute_url": absolute_url(reverse("lifecycle:home")) if event == "hired" else "",
        },
        language=settings.LANGUAGE_CODE,
        dedupe_key=f"vacancy_application:{application.pk}:{event}:{change.pk}",
    )
