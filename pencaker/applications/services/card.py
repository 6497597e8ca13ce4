"""What an approval sets off in the apps below (the card, its registration event, the
survey invitation), and the holder's one-click renewal: applications orchestrates, the
lower apps expose the services it calls."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from pencaker.accounts.models import User
from pencaker.applications.choices import ApplicationType, Status
from pencaker.applications.errors import ApplicationErrorCode
from pencaker.applications.models import Application
from pencaker.applications.services.submission import application_submit
from pencaker.cards.models import Card
from pencaker.cards.selectors import card_current_of_holder
from pencaker.cards.services import card_issue_record, card_render
from pencaker.core.errors import Conflict
from pencaker.lifecycle.events import on_card_issued
from pencaker.lifecycle.services import RENEWAL_DAYS_BEFORE_EXPIRY, renewal_eligible
from pencaker.surveys.choices import InvitationReason
from pencaker.surveys.services import invitation_create


def application_card_issue(*, application: Application, actor: User | None) -> Card:
    """Issue the card of an approved application and record what it means elsewhere:
    the registration event (lifecycle) and, for a first card, the survey invitation.

    Idempotent and crash-safe: the card row, its event and its invitation commit in one
    transaction, and the event and invitation are written only by the call that created
    the card (a retried or duplicated task finds the card and writes nothing again). The
    PDF is rendered and signed after that commit; a task that dies before it finishes the
    same card when it runs again.
    """
    if application.status != Status.APPROVED:
        raise Conflict(
            ApplicationErrorCode.NOT_APPROVED, _("Only an approved application gets a card.")
        )
    with transaction.atomic():
        card, created = card_issue_record(application=application, actor=actor)
        if created:
            # The IPK statistics count registrations from this event log.
            on_card_issued(card, renewal=application.type == ApplicationType.RENEWAL)
            if card.version == 1:
                # PermenPANRB 14/2017: invite every person served to the satisfaction
                # survey. The link is emailed after commit; the address is not stored with
                # the invitation, so answers stay anonymous.
                invitation_create(
                    office=card.office,
                    reason=InvitationReason.CARD_ISSUED,
                    contact_email=application.applicant.email,
                    contact_phone=application.applicant.phone,
                )
    if not card.has_pdf:
        card = card_render(card=card)
    return card


def renewal_request(*, actor: User, today: dt.date, ip_address: str | None = None) -> Application:
    """One click: submit an application of type renewal from the holder's profile (no
    data to type again). Clicking twice returns the same application."""
    card = card_current_of_holder(actor)
    if card is None or not renewal_eligible(card, today):
        raise Conflict(
            ApplicationErrorCode.RENEWAL_NOT_POSSIBLE,
            _("A renewal is possible when your card has expired or expires within %(days)s days.")
            % {"days": RENEWAL_DAYS_BEFORE_EXPIRY},
        )
    application, _created = application_submit(
        actor=actor,
        type=ApplicationType.RENEWAL,
        idempotency_key=f"renewal:{card.number}:{card.issued_on.isoformat()}",
        ip_address=ip_address,
    )
    return application
