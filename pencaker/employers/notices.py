"""Messages to employers, written to the notifications outbox inside the service's
transaction (delivered after commit, with retries). Each dedupe key names the status
change or the membership, so a repeated call never sends the same message twice."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from pencaker.core.links import absolute_url
from pencaker.employers.models import Membership, Organisation, OrganisationStatusChange
from pencaker.notifications.services import notification_queue_templated

EVENTS = frozenset({"submitted", "returned", "verified", "rejected"})


def _recipients(organisation: Organisation) -> list[str]:
    """The organisation's email and its owner's login address (once when they match)."""
    addresses = [organisation.email.strip().lower()]
    owner = (
        Membership.objects.filter(organisation=organisation, role="owner", removed_at__isnull=True)
        .select_related("user")
        .first()
    )
    owner_email = (owner.user.email or "").lower() if owner is not None else ""
    if owner_email and owner_email not in addresses:
        addresses.append(owner_email)
    return [a for a in addresses if a]


def organisation_notify(
    *, organisation: Organisation, event: str, change: OrganisationStatusChange
) -> None:
    if event not in EVENTS:
        raise ValueError(f"unknown organisation event {event!r}")
    context: dict[str, Any] = {
        "organisation": organisation,
        "office": organisation.office,
        "items": list(change.return_items.all()) if event == "returned" else [],
        "note": change.note,
        "home_url": absolute_url(reverse("employers:home")),
    }
    for index, recipient in enumerate(_recipients(organisation)):
        notification_queue_templated(
            channel="email",
            recipient=recipient,
            kind=f"employer.{event}",
            template=f"employers/email/{event}",
            context=context,
            language=settings.LANGUAGE_CODE,
            dedupe_key=f"organisation:{organisation.pk}:{event}:{change.pk}:{index}",
        )


def member_invitation_notify(*, membership: Membership, set_password_path: str) -> None:
    if not membership.user.email:
        return  # members are invited by email address; a phone-only account has none
    notification_queue_templated(
        channel="email",
        recipient=membership.user.email,
        kind="employer.member_invited",
        template="employers/email/member_invited",
        context={
            "membership": membership,
            "organisation": membership.organisation,
            "invited_by": membership.invited_by,
            "url": absolute_url(set_password_path),
        },
        language=settings.LANGUAGE_CODE,
        dedupe_key=f"membership:{membership.pk}:invited",
    )
