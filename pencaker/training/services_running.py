"""Writes of running a wave: attendance (staff list or the session's QR), assessment and
completion (certificate, allowance schedule, follow-up surveys), ratings, follow-up answers.

Participants are registrations in ``confirmed`` (they become ``completed`` or
``dropped_out`` here). Staff act only on their own office's waves (404 otherwise).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing as django_signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.accounts.models import Role
from pencaker.cards import signing as pdf_signing
from pencaker.cards.rules import add_months
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from pencaker.core.text import text_clean
from pencaker.training import allowances, certificates
from pencaker.training.choices import RegistrationStatus as R
from pencaker.training.choices import WaveStatus as W
from pencaker.training.errors_running import RunningErrorCode as E
from pencaker.training.models import Registration, TrainingSession, Wave
from pencaker.training.models_running import (
    Attendance,
    AttendanceMethod,
    Certificate,
    CompletionRule,
    FollowUp,
    FollowUpKind,
    Outcome,
)
from pencaker.training.running_notices import participant_notify
from pencaker.training.workflow import registration_move, wave_move

#: Registrations that take part in the sessions.
PARTICIPATING = frozenset({R.CONFIRMED, R.COMPLETED, R.DROPPED_OUT})
#: Waves whose sessions take attendance.
ATTENDING_WAVES = frozenset({W.SELECTED, W.RUNNING})
QR_SALT = "pencaker.training.attendance"
FOLLOW_UP_MONTHS = {FollowUpKind.COMPLETION: 0, FollowUpKind.MONTH_3: 3, FollowUpKind.MONTH_6: 6}


def _not_found() -> NotFound:
    return NotFound(E.NOT_FOUND, _("Not found."))


def _check_staff(actor: Any, office_id: int, *, deciding: bool = True) -> None:
    roles = (
        {Role.OPERATOR, Role.ADMIN_DINAS}
        if deciding
        else {Role.OPERATOR, Role.ADMIN_DINAS, Role.PIMPINAN}
    )
    if getattr(actor, "office_id", None) != office_id:
        raise _not_found()
    if getattr(actor, "role", None) not in roles:
        raise PermissionDenied(E.FORBIDDEN, _("Your role may not do this."))


def rule_for(programme: Any) -> CompletionRule:
    """The programme's completion rule, or the defaults (not saved)."""
    try:
        return programme.completion_rule
    except CompletionRule.DoesNotExist:
        return CompletionRule(programme=programme)


def _wave_for_staff(actor: Any, wave_id: int, *, lock: bool = False) -> Wave:
    qs = Wave.objects.select_related("programme", "programme__office")
    if lock:
        qs = qs.select_for_update(of=("self",))
    wave = qs.filter(pk=wave_id).first()
    if wave is None:
        raise _not_found()
    _check_staff(actor, wave.programme.office_id)
    return wave


# --- attendance ------------------------------------------------------------------------------


def _record(
    *, registration: Registration, session: TrainingSession, present: bool, method: str, actor: Any
) -> Attendance:
    row, _created = Attendance.objects.update_or_create(
        registration=registration,
        session=session,
        defaults={"present": present, "method": method, "recorded_by": actor},
    )
    return row


def attendance_mark(*, actor: Any, session_id: int, present_ids: set[int]) -> dict[str, int]:
    """Staff mark who is present at a session (everyone else confirmed: absent)."""
    session = (
        TrainingSession.objects.select_related("wave__programme").filter(pk=session_id).first()
    )
    if session is None:
        raise _not_found()
    _check_staff(actor, session.wave.programme.office_id)
    with transaction.atomic():
        wave = Wave.objects.select_for_update().get(pk=session.wave_id)
        if wave.status not in ATTENDING_WAVES:
            raise Conflict(E.NOT_RUNNING, _("Attendance is taken only while the wave runs."))
        participants = list(wave.registrations.filter(status=R.CONFIRMED))
        unknown = set(present_ids) - {r.pk for r in participants}
        if unknown:
            raise DomainError(
                E.NOT_PARTICIPANT, _("Only confirmed participants can be marked present.")
            )
        for registration in participants:
            _record(
                registration=registration,
                session=session,
                present=registration.pk in present_ids,
                method=AttendanceMethod.STAFF,
                actor=actor,
            )
        present = sum(1 for r in participants if r.pk in present_ids)
        audit_record(
            actor=actor,
            action=AuditAction.TRAINING_ATTENDANCE_RECORDED,
            obj=session,
            office=wave.programme.office,
            data={"present": present, "absent": len(participants) - present, "method": "staff"},
        )
    return {"present": present, "absent": len(participants) - present}


def qr_max_age() -> int:
    return int(getattr(settings, "PENCAKER_TRAINING_QR_MINUTES", 120)) * 60


def attendance_qr_token(session: TrainingSession) -> str:
    """A signed, expiring token for the session's QR (``PENCAKER_TRAINING_QR_MINUTES``)."""
    return django_signing.dumps({"s": session.pk}, salt=QR_SALT, compress=True)


def attendance_qr_session(token: str) -> TrainingSession:
    try:
        data = django_signing.loads(token, salt=QR_SALT, max_age=qr_max_age())
    except django_signing.SignatureExpired as exc:
        raise DomainError(
            E.QR_EXPIRED, _("This QR code has expired: scan the one shown now.")
        ) from exc
    except (django_signing.BadSignature, ValueError, TypeError, UnicodeError) as exc:
        raise DomainError(E.QR_INVALID, _("This is not a valid attendance QR code.")) from exc
    session_id = data.get("s") if isinstance(data, dict) else None
    session = (
        TrainingSession.objects.select_related("wave__programme").filter(pk=session_id).first()
        if isinstance(session_id, int)
        else None
    )
    if session is None:
        raise DomainError(E.QR_INVALID, _("This is not a valid attendance QR code."))
    return session


def attendance_scan(*, actor: Any, token: str) -> Attendance:
    """A participant records their own presence with the session's QR token."""
    session = attendance_qr_session(token)
    with transaction.atomic():
        wave = (
            Wave.objects.select_for_update()
            .select_related("programme__office")
            .get(pk=session.wave_id)
        )
        if wave.status not in ATTENDING_WAVES:
            raise Conflict(E.NOT_RUNNING, _("Attendance is taken only while the wave runs."))
        registration = wave.registrations.filter(
            seeker_id=getattr(actor, "pk", None), status=R.CONFIRMED
        ).first()
        if registration is None:
            raise PermissionDenied(
                E.NOT_PARTICIPANT, _("You are not a confirmed participant of this training.")
            )
        row = _record(
            registration=registration,
            session=session,
            present=True,
            method=AttendanceMethod.QR,
            actor=actor,
        )
        audit_record(
            actor=actor,
            action=AuditAction.TRAINING_ATTENDANCE_RECORDED,
            obj=session,
            office=wave.programme.office,
            data={"registration": registration.pk, "method": "qr"},
        )
    return row


def attendance_percent(registration: Registration, session_count: int) -> int:
    if session_count == 0:
        return 0
    present = registration.attendance.filter(present=True).count()
    return round(100 * present / session_count)


# --- completion ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    registration_id: int
    status: str
    attendance_percent: int
    assessment_score: int | None
    reason: str
    certificate_number: str = ""


def _score_clean(value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        score = int(value)
    except (TypeError, ValueError):
        score = -1
    if not 0 <= score <= 100:
        raise DomainError(
            E.INVALID_SCORE,
            _("A score is a whole number from 0 to 100."),
            fields={"score": [_("A score is a whole number from 0 to 100.")]},
        )
    return score


def wave_complete(
    *,
    actor: Any,
    wave_id: int,
    scores: dict[int, Any] | None = None,
    dropped: dict[int, str] | None = None,
) -> list[Decision]:
    """End the wave: record the assessment scores, apply the programme's completion rule
    to every confirmed participant (or record the staff's drop-outs with a reason), issue
    certificates, schedule allowances and follow-up surveys, tell each participant, and
    move the wave to completed. Running it again decides nobody twice."""
    scores = {int(k): _score_clean(v) for k, v in (scores or {}).items()}
    dropped = {int(k): text_clean(v or "")[:300] for k, v in (dropped or {}).items()}
    decisions: list[Decision] = []
    with transaction.atomic():
        wave = _wave_for_staff(actor, wave_id, lock=True)
        if wave.status not in {W.RUNNING, W.COMPLETED}:
            raise Conflict(E.NOT_RUNNING, _("Only a running wave can be completed."))
        programme = wave.programme
        rule = rule_for(programme)
        sessions = wave.sessions.count()
        participants = list(
            wave.registrations.select_for_update(of=("self",))
            .filter(status=R.CONFIRMED)
            .select_related("seeker", "seeker__seeker_profile")
        )
        known = {r.pk for r in participants}
        if (set(scores) | set(dropped)) - known:
            raise DomainError(E.NOT_PARTICIPANT, _("Only confirmed participants can be assessed."))
        today = timezone.localdate()
        for registration in participants:
            outcome, _created = Outcome.objects.get_or_create(registration=registration)
            if registration.pk in scores and scores[registration.pk] is not None:
                outcome.assessment_score = scores[registration.pk]
            percent = attendance_percent(registration, sessions)
            outcome.attendance_percent = percent
            reason = ""
            if registration.pk in dropped:
                reason = dropped[registration.pk] or _("Left the training.")
            elif percent < rule.min_attendance_percent:
                reason = _("Attendance %(percent)s%% is below the required %(required)s%%.") % {
                    "percent": percent,
                    "required": rule.min_attendance_percent,
                }
            elif rule.requires_assessment and (
                outcome.assessment_score is None or outcome.assessment_score < rule.pass_score
            ):
                reason = _("The assessment was not passed (pass mark %(mark)s).") % {
                    "mark": rule.pass_score
                }
            outcome.reason = reason
            outcome.decided_at = timezone.now()
            outcome.decided_by = actor
            outcome.save()
            to = R.DROPPED_OUT if reason else R.COMPLETED
            change = registration_move(registration, to=to, actor=actor, note=reason)
            audit_record(
                actor=actor,
                action=AuditAction.TRAINING_DROPPED_OUT
                if reason
                else AuditAction.TRAINING_COMPLETED,
                obj=registration,
                office=programme.office,
                data={"attendance_percent": percent, "score": outcome.assessment_score},
            )
            certificate = None
            if not reason:
                if programme.has_certificate:
                    certificate = certificate_issue(
                        registration=registration, actor=actor, today=today
                    )
                follow_ups_schedule(registration=registration, today=today)
                allowances.schedule_create(
                    registration=registration, rule=rule, today=today, actor=actor
                )
                participant_notify(
                    registration=registration,
                    event="completed",
                    key=str(change.pk),
                    certificate=certificate,
                    verify_url=certificates.verify_url(certificate.token) if certificate else "",
                )
            else:
                participant_notify(
                    registration=registration,
                    event="dropped_out",
                    key=str(change.pk),
                    reason=reason,
                )
            decisions.append(
                Decision(
                    registration_id=registration.pk,
                    status=to,
                    attendance_percent=percent,
                    assessment_score=outcome.assessment_score,
                    reason=reason,
                    certificate_number=certificate.number if certificate else "",
                )
            )
        if wave.status == W.RUNNING:
            wave_move(wave, to=W.COMPLETED, actor=actor, note=_("Completion decided."))
        audit_record(
            actor=actor,
            action=AuditAction.TRAINING_ASSESSED,
            obj=wave,
            office=programme.office,
            data={"decided": len(decisions)},
        )
    return decisions


# --- certificates ----------------------------------------------------------------------------


def _period_text(wave: Wave) -> str:
    from django.utils import formats

    if wave.starts_on and wave.ends_on:
        return _("%(start)s to %(end)s") % {
            "start": formats.date_format(wave.starts_on, "j F Y"),
            "end": formats.date_format(wave.ends_on, "j F Y"),
        }
    return ""


def certificate_issue(*, registration: Registration, actor: Any, today: dt.date) -> Certificate:
    """Sign and store the certificate and record it in the seeker's training section
    (``seekers.services.training_add``), where matching reads training."""
    from pencaker.seekers import services as seeker_services

    existing = Certificate.objects.filter(registration=registration).first()
    if existing is not None:
        return existing
    wave = registration.wave
    programme = wave.programme
    office = programme.office
    profile = getattr(registration.seeker, "seeker_profile", None)
    holder = (profile.full_name if profile else "") or str(registration.seeker)
    number = certificates.certificate_number_new(today.year)
    competence = " ".join(x for x in (programme.competence_code, programme.competence_text) if x)
    claims = certificates.CertificateClaims(
        number=number,
        holder_name=holder,
        programme=programme.title,
        competence=competence,
        provider=programme.provider_name,
        office_code=office.code,
        issued_on=today,
    )
    token = certificates.certificate_token_sign(claims)
    sessions = wave.sessions.count()
    pdf = certificates.certificate_render_signed(
        certificates.CertificatePrint(
            number=number,
            holder_name=holder,
            programme=programme.title,
            competence=competence,
            provider=programme.provider_name,
            period=_period_text(wave),
            hours_text=_("%(count)s sessions") % {"count": sessions} if sessions else "",
            office_name=office.name,
            letterhead=tuple(x for x in (office.letterhead_line1, office.letterhead_line2) if x),
            signer_name=office.signer_name,
            signer_nip=office.signer_nip,
            signer_title=getattr(office, "signer_title", ""),
            issued_on=today,
            qr_url=certificates.verify_url(token),
            demo=pdf_signing.current_signer().is_demo,
        )
    )
    entry_id = None
    if profile is not None:
        # Written as the seeker (the entry is theirs and they may remove it), so it works
        # whichever office holds the profile now.
        entry = seeker_services.training_add(
            actor=registration.seeker,
            profile=profile,
            name=programme.title[:200],
            organizer=programme.provider_name[:200],
            year=today.year,
            certificate_number=number,
        )
        entry_id = entry.pk
    certificate = Certificate.objects.create(
        registration=registration,
        number=number,
        holder_name=holder,
        issued_on=today,
        token=token,
        pdf=pdf,
        seeker_training_id=entry_id,
    )
    audit_record(
        actor=actor,
        action=AuditAction.TRAINING_CERTIFICATE_ISSUED,
        obj=certificate,
        office=office,
        data={"number": number, "registration": registration.pk},
    )
    return certificate


@dataclass(frozen=True)
class CertificateCheck:
    found: bool
    message: str
    number: str = ""
    holder_name: str = ""
    programme: str = ""
    competence: str = ""
    provider: str = ""
    office_name: str = ""
    issued_on: dt.date | None = None
    by_token: bool = False


def certificate_check(text: str) -> CertificateCheck:
    """A public check by QR token (or its URL) or by certificate number."""
    from pencaker.cards.tokens import TokenError

    cleaned = text_clean(text or "").strip()
    not_found = CertificateCheck(
        found=False,
        message=_("No certificate matches. Check the number or scan the QR code again."),
    )
    if not cleaned:
        return not_found
    number = cleaned.upper()
    if number.startswith("PLT-") and len(number) <= 40:
        row = (
            Certificate.objects.select_related("registration__wave__programme__office")
            .filter(number=number)
            .first()
        )
        if row is None:
            return not_found
        return _check_answer(row, by_token=False)
    from pencaker.cards import qr_keys

    try:
        claims = certificates.certificate_token_verify(
            certificates.token_from_text(cleaned), qr_keys.published_jwks()
        )
    except TokenError:
        return CertificateCheck(
            found=False, message=_("This code is not a genuine certificate of this office.")
        )
    row = (
        Certificate.objects.select_related("registration__wave__programme__office")
        .filter(number=claims.number)
        .first()
    )
    if row is None:
        return not_found
    return _check_answer(row, by_token=True)


def _check_answer(row: Certificate, *, by_token: bool) -> CertificateCheck:
    programme = row.registration.wave.programme
    return CertificateCheck(
        found=True,
        message=_("Genuine: this certificate was issued by the office."),
        number=row.number,
        holder_name=row.holder_name,
        programme=programme.title,
        competence=" ".join(x for x in (programme.competence_code, programme.competence_text) if x),
        provider=programme.provider_name,
        office_name=programme.office.name,
        issued_on=row.issued_on,
        by_token=by_token,
    )


# --- ratings and follow-up -------------------------------------------------------------------


def _own_registration(actor: Any, registration_id: int, *, lock: bool = False) -> Registration:
    qs = Registration.objects.select_related("wave__programme__office", "seeker")
    if lock:
        qs = qs.select_for_update(of=("self",))
    registration = qs.filter(pk=registration_id, seeker_id=getattr(actor, "pk", None)).first()
    if registration is None:
        raise _not_found()
    return registration


def training_rate(*, actor: Any, registration_id: int, rating: Any, comment: str = "") -> Outcome:
    """A participant rates the training (1–5, a comment) once it has ended for them."""
    try:
        value = int(rating)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 5:
        message = _("Choose a rating from 1 to 5.")
        raise DomainError(E.INVALID_RATING, message, fields={"rating": [message]})
    with transaction.atomic():
        registration = _own_registration(actor, registration_id, lock=True)
        if registration.status not in {R.COMPLETED, R.DROPPED_OUT}:
            raise Conflict(E.NOT_COMPLETED, _("You can rate the training when it has ended."))
        outcome, _created = Outcome.objects.select_for_update().get_or_create(
            registration=registration
        )
        if outcome.rated_at is not None:
            raise Conflict(E.ALREADY_RATED, _("You have already rated this training."))
        outcome.rating = value
        outcome.rating_comment = text_clean(comment or "", multiline=True)[:2000]
        outcome.rated_at = timezone.now()
        outcome.save()
        audit_record(
            actor=actor,
            action=AuditAction.TRAINING_RATED,
            obj=registration,
            office=registration.wave.programme.office,
            data={"rating": value},
        )
    return outcome


def follow_ups_schedule(*, registration: Registration, today: dt.date) -> list[FollowUp]:
    rows = []
    for kind, months in FOLLOW_UP_MONTHS.items():
        row, _created = FollowUp.objects.get_or_create(
            registration=registration, kind=kind, defaults={"due_on": add_months(today, months)}
        )
        rows.append(row)
    return rows


def follow_ups_send_due(*, today: dt.date | None = None) -> int:
    """Invite participants to the surveys that are due (the scheduler's daily job); a
    survey is invited once."""
    from django.urls import reverse

    from pencaker.core.links import absolute_url

    today = today or timezone.localdate()
    sent = 0
    ids = list(
        FollowUp.objects.filter(sent_at__isnull=True, due_on__lte=today).values_list(
            "pk", flat=True
        )[:500]
    )
    for pk in ids:
        with transaction.atomic():
            row = (
                FollowUp.objects.select_for_update(of=("self",))
                .select_related("registration__wave__programme", "registration__seeker")
                .filter(pk=pk, sent_at__isnull=True)
                .first()
            )
            if row is None:
                continue
            row.sent_at = timezone.now()
            row.save(update_fields=["sent_at"])
            participant_notify(
                registration=row.registration,
                event="follow_up",
                key=str(row.pk),
                follow_up=row,
                survey_url=absolute_url(reverse("training_running:follow_up", args=[row.pk])),
            )
            sent += 1
    return sent


def _yes_no(value: Any, field: str) -> bool:
    if value in (True, "yes", "true", "1", 1):
        return True
    if value in (False, "no", "false", "0", 0):
        return False
    message = _("Answer yes or no.")
    raise DomainError(E.INVALID_ANSWER, message, fields={field: [message]})


def follow_up_answer(
    *, actor: Any, follow_up_id: int, working: Any, using_skill: Any, comment: str = ""
) -> FollowUp:
    working_value = _yes_no(working, "working")
    skill_value = _yes_no(using_skill, "using_skill")
    with transaction.atomic():
        row = (
            FollowUp.objects.select_for_update(of=("self",))
            .select_related("registration__wave__programme__office")
            .filter(pk=follow_up_id, registration__seeker_id=getattr(actor, "pk", None))
            .first()
        )
        if row is None:
            raise _not_found()
        if row.answered_at is not None:
            raise Conflict(
                E.ALREADY_ANSWERED, _("You have already answered this survey. Thank you.")
            )
        row.working = working_value
        row.using_skill = skill_value
        row.comment = text_clean(comment or "", multiline=True)[:2000]
        row.answered_at = timezone.now()
        row.save()
        allowances.survey_answered(follow_up=row, today=timezone.localdate())
        audit_record(
            actor=actor,
            action=AuditAction.TRAINING_FOLLOW_UP_ANSWERED,
            obj=row,
            office=row.registration.wave.programme.office,
            data={"kind": row.kind, "working": working_value, "using_skill": skill_value},
        )
    return row
