"""Single-use survey links: created for someone just served (emailed through the outbox),
answered once, anonymously."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.accounts.models import User
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import Conflict, DomainError, NotFound
from pencaker.notifications.models import Channel as MessageChannel
from pencaker.notifications.services import notification_queue_templated
from pencaker.offices.models import Office
from pencaker.surveys.choices import (
    Channel,
    InvitationReason,
)
from pencaker.surveys.errors import SurveyErrorCode
from pencaker.surveys.models import (
    INVITATION_VALID_DAYS,
    Invitation,
    Response,
)
from pencaker.surveys.services.responses import Profile, response_store


@transaction.atomic
def invitation_create(
    *,
    office: Office,
    reason: str,
    contact_email: str | None = None,
    contact_phone: str | None = None,
    actor: User | None = None,
) -> Invitation:
    """Create a single-use survey link for someone who was just served.

    Returns the invitation (``.url`` is the absolute link, ``.path`` the relative one, for
    a status page). When ``contact_email`` is given, the link is emailed through the
    notifications outbox after commit (without an email, ``contact_phone`` gets it by SMS:
    a phone-first account, ADR 0032); the address is not stored with the invitation (and
    the outbox message is deleted once sent), so the answer cannot be traced back to the person.
    """
    if reason not in InvitationReason.values:
        raise DomainError(
            SurveyErrorCode.INVITATION_REASON, _("Unknown reason for a survey invitation.")
        )
    invitation = Invitation.objects.create(office=office, reason=reason)
    sms_to = "" if contact_email else (contact_phone or "").strip()
    audit_record(
        actor=actor,
        action=AuditAction.SURVEY_INVITATION_CREATED,
        obj=invitation,
        office=office,
        data={"reason": reason, "emailed": bool(contact_email), "texted": bool(sms_to)},
    )
    if contact_email or sms_to:
        # Through the outbox (retried, sent after commit). The outbox row holds the address
        # and the link only until the message is sent: it is then deleted (and blanked if
        # delivery is given up), so nothing keeps the person next to the answer.
        notification_queue_templated(
            channel=MessageChannel.EMAIL if contact_email else MessageChannel.SMS,
            recipient=contact_email or sms_to,
            kind="survey.invitation",
            template="surveys/email/invitation",
            context={
                "office_name": office.name,
                "url": invitation.url,
                "days": INVITATION_VALID_DAYS,
            },
            language=None,
            dedupe_key=f"survey.invitation:{invitation.pk}",
            erase_after_delivery=True,
        )
    return invitation


def invitation_answer(
    *, token: str, answers: Mapping[int, int | None], profile: Profile
) -> Response:
    """Store the answer to an invitation; a second answer is refused (also by the database)."""
    try:
        with transaction.atomic():
            invitation = Invitation.objects.select_for_update().filter(token=token).first()
            if invitation is None:
                raise NotFound(
                    SurveyErrorCode.INVITATION_UNKNOWN, _("This survey link is not valid.")
                )
            if invitation.used_at is not None:
                raise Conflict(
                    SurveyErrorCode.INVITATION_USED,
                    _("This survey link has already been used. Thank you!"),
                )
            if invitation.is_expired:
                raise Conflict(
                    SurveyErrorCode.INVITATION_EXPIRED, _("This survey link has expired.")
                )
            response = response_store(
                office=invitation.office,
                channel=Channel.INVITATION,
                answers=answers,
                profile=profile,
                invitation=invitation,
            )
            invitation.used_at = timezone.now()
            invitation.save(update_fields=["used_at"])
            audit_record(
                actor=None,
                action=AuditAction.SURVEY_RESPONSE_RECORDED,
                obj=response,
                office=invitation.office,
                data={"channel": Channel.INVITATION},
            )
            return response
    except IntegrityError as exc:
        raise Conflict(
            SurveyErrorCode.INVITATION_USED, _("This survey link has already been used. Thank you!")
        ) from exc
