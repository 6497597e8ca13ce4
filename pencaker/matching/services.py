"""Writes of the matching app: the seeker's two switches (found by employers, vacancy
alerts), the refresh of matching's copy of the profile, invitations to apply and the
one-click unsubscribe."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.accounts.models import Role
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from pencaker.core.links import absolute_url
from pencaker.core.text import text_clean
from pencaker.employers.models import Organisation
from pencaker.employers.selectors import organisation_verified_of
from pencaker.matching.choices import InvitationStatus
from pencaker.matching.errors import MatchingErrorCode as E
from pencaker.matching.facts import match_profile_values, seeker_facts, vacancy_facts
from pencaker.matching.models import Invitation, InvitationStatusChange, MatchProfile
from pencaker.matching.scoring import score
from pencaker.matching.vocabulary import vocabulary
from pencaker.matching.workflow import invitation_move
from pencaker.notifications.services import notification_queue_templated
from pencaker.seekers.models import JobSeekerProfile
from pencaker.vacancies.choices import Status as VacancyStatus
from pencaker.vacancies.models import Vacancy, VacancyApplication

INVITES_PER_DAY = 20
UNSUBSCRIBE_SALT = "pencaker.matching.unsubscribe"


def _seeker_or_refuse(actor: Any) -> None:
    if getattr(actor, "role", None) != Role.JOB_SEEKER:
        raise PermissionDenied(E.NOT_JOB_SEEKER, _("Only job seekers can do this."))


def match_profile_refresh(*, user_id: int) -> MatchProfile | None:
    """Copy what scoring needs from the seeker's profile (no profile: nothing)."""
    profile = (
        JobSeekerProfile.objects.select_related("village__parent__parent")
        .prefetch_related("education", "skills", "training", "experience")
        .filter(user_id=user_id)
        .first()
    )
    if profile is None:
        return None
    values = match_profile_values(profile, vocabulary())
    row, _created = MatchProfile.objects.update_or_create(user_id=user_id, defaults=values)
    return row


def match_profile_current(user: Any) -> MatchProfile:
    """The seeker's row, or an unsaved one computed from the profile (reads never write)."""
    row = MatchProfile.objects.filter(user=user).first()
    if row is not None:
        return row
    profile = (
        JobSeekerProfile.objects.select_related("village__parent__parent")
        .prefetch_related("education", "skills", "training", "experience")
        .filter(user=user)
        .first()
    )
    values = match_profile_values(profile, vocabulary()) if profile else {}
    return MatchProfile(user=user, **values)


def match_profile_of(user: Any) -> MatchProfile:
    """The seeker's row, created (switches off) and filled on first use."""
    row = MatchProfile.objects.filter(user=user).first()
    return row or match_profile_refresh(user_id=user.pk) or MatchProfile.objects.create(user=user)


def matching_settings_update(
    *,
    actor: Any,
    discoverable: bool | None = None,
    alerts_enabled: bool | None = None,
    ip_address: str | None = None,
) -> MatchProfile:
    """Switch "employers may find me" and/or "send me matching vacancies". Off takes
    effect at once: candidate lists and alert runs read the flag on every query."""
    _seeker_or_refuse(actor)
    with transaction.atomic():
        match_profile_of(actor)
        row = MatchProfile.objects.select_for_update().get(user=actor)
        for field, value, action in (
            ("discoverable", discoverable, AuditAction.MATCHING_DISCOVERABLE_CHANGED),
            ("alerts_enabled", alerts_enabled, AuditAction.MATCHING_ALERTS_CHANGED),
        ):
            if value is None or getattr(row, field) == bool(value):
                continue
            setattr(row, field, bool(value))
            if field == "discoverable":
                row.discoverable_changed_at = timezone.now()
            audit_record(actor=actor, action=action, obj=row, data={"on": bool(value)})
        row.save()
    if discoverable or alerts_enabled:
        match_profile_refresh(user_id=actor.pk)
        row.refresh_from_db()
    return row


def unsubscribe_token(user: Any) -> str:
    return signing.dumps({"u": user.pk}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(user: Any) -> str:
    return absolute_url(reverse("matching:unsubscribe", args=[unsubscribe_token(user)]))


def unsubscribe_user_of(token: str) -> int:
    try:
        data = signing.loads(str(token), salt=UNSUBSCRIBE_SALT)
        return int(data["u"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise NotFound(E.INVALID_TOKEN, _("This unsubscribe link is not valid.")) from None


def alerts_unsubscribe(*, token: str, ip_address: str | None = None) -> MatchProfile | None:
    """The one-click unsubscribe of a digest link: works signed out (the token is signed
    with the site's key and names the seeker); running it twice changes nothing."""
    user_id = unsubscribe_user_of(token)
    with transaction.atomic():
        row = MatchProfile.objects.select_for_update().filter(user_id=user_id).first()
        if row is None:
            return None
        if row.alerts_enabled:
            row.alerts_enabled = False
            row.save(update_fields=["alerts_enabled"])
            audit_record(
                actor=None,
                action=AuditAction.MATCHING_UNSUBSCRIBED,
                obj=row,
                ip_address=ip_address,
            )
    return row


# --- invitations ------------------------------------------------------------------------


def _open_vacancy_of(organisation: Organisation, vacancy_id: Any) -> Vacancy:
    try:
        vacancy = Vacancy.objects.select_related("occupation", "location", "organisation").get(
            pk=int(vacancy_id), organisation=organisation
        )
    except (Vacancy.DoesNotExist, TypeError, ValueError):
        raise NotFound(E.VACANCY_NOT_FOUND, _("Vacancy not found.")) from None
    if vacancy.status != VacancyStatus.PUBLISHED or vacancy.closing_date < timezone.localdate():
        raise Conflict(E.VACANCY_NOT_OPEN, _("Invite candidates to an open vacancy only."))
    return vacancy


def invitation_send(
    *,
    actor: Any,
    vacancy_id: Any,
    candidate_id: Any,
    message: str = "",
    ip_address: str | None = None,
) -> Invitation:
    """A verified employer invites a discoverable candidate (``MatchProfile`` id) to apply.
    At most ``INVITES_PER_DAY`` per organisation a day (the organisation row is locked
    while counting, so two tabs cannot both pass the limit)."""
    if getattr(actor, "role", None) != Role.EMPLOYER:
        raise PermissionDenied(E.FORBIDDEN, _("Only employers can invite candidates."))
    organisation = organisation_verified_of(actor)
    if organisation is None:
        raise PermissionDenied(E.FORBIDDEN, _("Your organisation must be verified first."))
    message = text_clean(str(message or ""), multiline=True)[:500]
    with transaction.atomic():
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
        vacancy = _open_vacancy_of(organisation, vacancy_id)
        try:
            row = MatchProfile.objects.select_related("user").get(
                pk=int(candidate_id), discoverable=True
            )
        except (MatchProfile.DoesNotExist, TypeError, ValueError):
            raise NotFound(E.CANDIDATE_NOT_FOUND, _("Candidate not found.")) from None
        since = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
        sent_today = Invitation.objects.filter(
            organisation=organisation, created_at__gte=since
        ).count()
        if sent_today >= INVITES_PER_DAY:
            raise Conflict(
                E.INVITE_LIMIT,
                _("You can send at most %(n)d invitations a day. Try again tomorrow.")
                % {"n": INVITES_PER_DAY},
                details={"limit": INVITES_PER_DAY},
            )
        match = score(
            seeker_facts(row), vacancy_facts(vacancy, vocabulary()), today=timezone.localdate()
        )
        try:
            with transaction.atomic():
                invitation = Invitation.objects.create(
                    vacancy=vacancy,
                    organisation=organisation,
                    seeker=row.user,
                    invited_by=actor,
                    message=message,
                    score=match.score,
                )
        except IntegrityError:
            raise Conflict(
                E.ALREADY_INVITED, _("This candidate has already been invited to this vacancy.")
            ) from None
        change = invitation_move_first(invitation, actor)
        audit_record(
            actor=actor,
            action=AuditAction.MATCHING_INVITATION_SENT,
            obj=invitation,
            office=vacancy.office,
            ip_address=ip_address,
            data={"vacancy": vacancy.pk, "score": match.score},
        )
        # Email when the seeker has one; a phone-only seeker gets the SMS variant.
        channel, recipient = (
            ("email", row.user.email) if row.user.email else ("sms", row.user.phone)
        )
        notification_queue_templated(
            channel=channel,
            recipient=recipient,
            kind="matching.invitation",
            template="matching/email/invitation",
            context={
                "vacancy": vacancy,
                "organisation": organisation,
                "message": message,
                "reasons": match.reasons,
                "url": absolute_url(reverse("matching:invitations")),
            },
            language=settings.LANGUAGE_CODE,
            dedupe_key=f"matching_invitation:{invitation.pk}:{change.pk}",
        )
    return invitation


def invitation_move_first(invitation: Invitation, actor: Any) -> InvitationStatusChange:
    """The first history row (the table has no move into pending)."""
    return InvitationStatusChange.objects.create(
        invitation=invitation, from_status="", to_status=InvitationStatus.PENDING, actor=actor
    )


def invitation_respond(
    *, actor: Any, invitation_id: Any, decision: str, ip_address: str | None = None
) -> Invitation:
    """The seeker accepts (the employer then sees name and contact; the seeker goes on to
    the vacancy's apply page) or declines. Answering the same way again is a no-op."""
    _seeker_or_refuse(actor)
    to = {"accept": InvitationStatus.ACCEPTED, "decline": InvitationStatus.DECLINED}.get(
        str(decision)
    )
    if to is None:
        raise DomainError(
            E.INVALID_DECISION,
            _("Choose accept or decline."),
            fields={"decision": [_("Choose accept or decline.")]},
        )
    with transaction.atomic():
        try:
            invitation = (
                Invitation.objects.select_for_update()
                .select_related("vacancy", "organisation")
                .get(pk=int(invitation_id), seeker=actor)
            )
        except (Invitation.DoesNotExist, TypeError, ValueError):
            raise NotFound(E.INVITATION_NOT_FOUND, _("Invitation not found.")) from None
        if invitation.status == to:
            return invitation
        if invitation.status != InvitationStatus.PENDING:
            raise Conflict(E.INVITATION_CLOSED, _("You have already answered this invitation."))
        change = invitation_move(invitation, to=to, actor=actor)
        invitation.decided_at = timezone.now()
        invitation.save(update_fields=["decided_at"])
        audit_record(
            actor=actor,
            action=AuditAction.MATCHING_INVITATION_ACCEPTED
            if to == InvitationStatus.ACCEPTED
            else AuditAction.MATCHING_INVITATION_DECLINED,
            obj=invitation,
            office=invitation.vacancy.office,
            ip_address=ip_address,
        )
        notification_queue_templated(
            channel="email",
            recipient=invitation.organisation.email,
            kind=f"matching.invitation_{to}",
            template=f"matching/email/invitation_{to}",
            context={
                "vacancy": invitation.vacancy,
                "url": absolute_url(
                    reverse("matching:employer_candidates", args=[invitation.vacancy_id])
                ),
            },
            language=settings.LANGUAGE_CODE,
            dedupe_key=f"matching_invitation:{invitation.pk}:{change.pk}",
        )
    return invitation


def identity_shared(*, vacancy: Vacancy, user_id: int) -> bool:
    """Name and contact go to the employer only once the seeker applied to this vacancy or
    accepted its invitation."""
    return (
        Invitation.objects.filter(
            vacancy=vacancy, seeker_id=user_id, status=InvitationStatus.ACCEPTED
        ).exists()
        or VacancyApplication.objects.filter(vacancy=vacancy, applicant_id=user_id).exists()
    )
