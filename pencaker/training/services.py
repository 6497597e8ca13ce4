"""Every write of the training app: one service per business action.

Each service runs in one transaction, locks the row two people could act on at once
(``select_for_update``), checks the transition table (``workflow``), writes the history
and audit rows and queues its messages in the outbox inside the same transaction.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.accounts.models import Role
from pencaker.accounts.permissions import can_decide
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from pencaker.core.text import text_clean
from pencaker.documents.models import Document
from pencaker.training import eligibility, lottery, notices
from pencaker.training.choices import (
    PriorityGroup,
    ProgrammeStatus,
    RegistrationStatus,
    SelectionMethod,
    WaveStatus,
)
from pencaker.training.errors import TrainingErrorCode as E
from pencaker.training.models import (
    Programme,
    Registration,
    RegistrationStatusChange,
    Replacement,
    TrainingSession,
    Wave,
)
from pencaker.training.workflow import programme_move, registration_move, wave_move

MAX_KEY_LENGTH = 100

PROGRAMME_FIELDS = (
    "title",
    "description",
    "competence_code",
    "competence_text",
    "kind",
    "provider_kind",
    "provider_name",
    "mode",
    "place",
    "has_certificate",
    "has_allowance",
    "benefits",
    "required_documents",
    "contact_name",
    "contact_phone",
    "contact_email",
    "rules",
    "age_min",
    "age_max",
    "min_education",
    "repeat_years",
    "priority_groups",
    "priority_office_label",
    "asks_motivation",
    "asks_score",
)

WAVE_FIELDS = (
    "number",
    "opens_at",
    "closes_at",
    "starts_on",
    "ends_on",
    "quota",
    "priority_quota",
    "method",
    "confirm_days",
)

#: A programme or wave the office may still edit freely.
EDITABLE_WAVE = frozenset({WaveStatus.DRAFT, WaveStatus.PUBLISHED, WaveStatus.REGISTRATION_OPEN})


def _staff_or_refuse(actor: Any) -> None:
    if not can_decide(actor):
        raise PermissionDenied(E.FORBIDDEN, _("Only the office's operators can do this."))


def programme_not_found() -> NotFound:
    return NotFound(E.PROGRAMME_NOT_FOUND, _("This training programme was not found."))


def wave_not_found() -> NotFound:
    return NotFound(E.WAVE_NOT_FOUND, _("This wave was not found."))


def registration_not_found() -> NotFound:
    return NotFound(E.REGISTRATION_NOT_FOUND, _("This registration was not found."))


def _programme_locked(actor: Any, programme_id: Any) -> Programme:
    try:
        programme = (
            Programme.objects.select_for_update()
            .select_related("office")
            .get(pk=int(programme_id), office_id=actor.office_id)
        )
    except (Programme.DoesNotExist, TypeError, ValueError):
        raise programme_not_found() from None
    return programme


def _wave_locked(actor: Any, wave_id: Any) -> Wave:
    try:
        wave = (
            Wave.objects.select_for_update()
            .select_related("programme", "programme__office")
            .get(pk=int(wave_id), programme__office_id=actor.office_id)
        )
    except (Wave.DoesNotExist, TypeError, ValueError):
        raise wave_not_found() from None
    return wave


def _clean(value: Any, *, multiline: bool = False) -> Any:
    return text_clean(value, multiline=multiline) if isinstance(value, str) else value


def _check_programme(data: Mapping[str, Any]) -> None:
    age_min, age_max = data.get("age_min"), data.get("age_max")
    if age_max is not None and age_min is not None and age_max < age_min:
        message = _("The maximum age must not be below the minimum age.")
        raise DomainError(E.INVALID_PROGRAMME, message, fields={"age_max": [message]})


def programme_create(
    *, actor: Any, data: Mapping[str, Any], ip_address: str | None = None
) -> Programme:
    _staff_or_refuse(actor)
    _check_programme(data)
    with transaction.atomic():
        programme = Programme(office_id=actor.office_id, created_by=actor)
        for name in PROGRAMME_FIELDS:
            if name in data:
                setattr(programme, name, _clean(data[name], multiline=name == "description"))
        programme.save()
        from pencaker.training.models import ProgrammeStatusChange

        ProgrammeStatusChange.objects.create(
            programme=programme, from_status="", to_status=programme.status, actor=actor
        )
        audit_record(
            actor=actor,
            action=AuditAction.TRAINING_PROGRAMME_CREATED,
            obj=programme,
            office=programme.office,
            ip_address=ip_address,
        )
    return programme


def programme_update(
    *, actor: Any, programme_id: Any, data: Mapping[str, Any], ip_address: str | None = None
) -> Programme:
    _staff_or_refuse(actor)
    _check_programme(data)
    with transaction.atomic():
        programme = _programme_locked(actor, programme_id)
        if programme.status == ProgrammeStatus.CANCELLED:
            raise Conflict(E.NOT_EDITABLE, _("A cancelled programme cannot be changed."))
        changed = []
        for name in PROGRAMME_FIELDS:
            if name in data:
                value = _clean(data[name], multiline=name == "description")
                if getattr(programme, name) != value:
                    setattr(programme, name, value)
                    changed.append(name)
        programme.save()
        audit_record(
            actor=actor,
            action=AuditAction.TRAINING_PROGRAMME_UPDATED,
            obj=programme,
            office=programme.office,
            ip_address=ip_address,
            data={"fields": changed},
        )
    return programme


def programme_advance(
    *, actor: Any, programme_id: Any, to: str, note: str = "", ip_address: str | None = None
) -> Programme:
    """Publish or cancel a programme (cancelling it cancels its unfinished waves)."""
    _staff_or_refuse(actor)
    with transaction.atomic():
        programme = _programme_locked(actor, programme_id)
        if to == ProgrammeStatus.PUBLISHED and not programme.waves.exists():
            raise Conflict(
                E.INVALID_PROGRAMME, _("Add at least one wave before publishing the programme.")
            )
        programme_move(programme, to=to, actor=actor, note=note)
        if to == ProgrammeStatus.PUBLISHED:
            programme.published_at = timezone.now()
            programme.save(update_fields=["published_at", "updated_at"])
        if to == ProgrammeStatus.CANCELLED:
            for wave in programme.waves.select_for_update().exclude(
                status__in=[WaveStatus.COMPLETED, WaveStatus.CANCELLED]
            ):
                wave_move(wave, to=WaveStatus.CANCELLED, actor=actor, note=note)
        audit_record(
            actor=actor,
            action=AuditAction.TRAINING_PROGRAMME_MOVED,
            obj=programme,
            office=programme.office,
            ip_address=ip_address,
            data={"to": to},
        )
    return programme


def _check_wave(data: Mapping[str, Any]) -> None:
    fields: dict[str, list[str]] = {}
    opens, closes = data.get("opens_at"), data.get("closes_at")
    if opens and closes and closes <= opens:
        fields["closes_at"] = [_("Registration must close after it opens.")]
    quota, priority_quota = data.get("quota") or 0, data.get("priority_quota") or 0
    if quota < 1:
        fields["quota"] = [_("A wave has at least one place.")]
    if priority_quota > quota:
        fields["priority_quota"] = [_("Priority places cannot exceed the places.")]
    starts, ends = data.get("starts_on"), data.get("ends_on")
    if starts and ends and ends < starts:
        fields["ends_on"] = [_("The training cannot end before it starts.")]
    if fields:
        raise DomainError(E.INVALID_WAVE, _("Check the wave's details."), fields=fields)


def wave_create(
    *, actor: Any, programme_id: Any, data: Mapping[str, Any], ip_address: str | None = None
) -> Wave:
    _staff_or_refuse(actor)
    _check_wave(data)
    with transaction.atomic():
        programme = _programme_locked(actor, programme_id)
        if programme.status == ProgrammeStatus.CANCELLED:
            raise Conflict(E.NOT_EDITABLE, _("A cancelled programme cannot be changed."))
        values = {name: data[name] for name in WAVE_FIELDS if name in data}
        if not values.get("number"):
            values["number"] = (
                programme.waves.order_by("-number").values_list("number", flat=True).first() or 0
            ) + 1
        if programme.waves.filter(number=values["number"]).exists():
            message = _("This programme already has a wave with this number.")
            raise DomainError(E.INVALID_WAVE, message, fields={"number": [message]})
        wave = Wave.objects.create(programme=programme, **values)
        from pencaker.training.models import WaveStatusChange

        WaveStatusChange.objects.create(
            wave=wave, from_status="", to_status=wave.status, actor=actor
        )
        audit_record(
            actor=actor,
            action=AuditAction.TRAINING_WAVE_CREATED,
            obj=wave,
            office=programme.office,
            ip_address=ip_address,
        )
    return wave


def wave_update(
    *, actor: Any, wave_id: Any, data: Mapping[str, Any], ip_address: str | None = None
) -> Wave:
    _staff_or_refuse(actor)
    _check_wave(data)
    with transaction.atomic():
        wave = _wave_locked(actor, wave_id)
        if wave.status not in EDITABLE_WAVE:
            raise Conflict(
                E.NOT_EDITABLE, _("A wave cannot be changed once its registration has closed.")
            )
        changed = []
        for name in WAVE_FIELDS:
            if name in data and name != "number" and getattr(wave, name) != data[name]:
                setattr(wave, name, data[name])
                changed.append(name)
        wave.save()
        audit_record(
            actor=actor,
            action=AuditAction.TRAINING_WAVE_UPDATED,
            obj=wave,
            office=wave.programme.office,
            ip_address=ip_address,
            data={"fields": changed},
        )
    return wave


def session_add(
    *,
    actor: Any,
    wave_id: Any,
    date: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    place: str = "",
    topic: str = "",
) -> TrainingSession:
    _staff_or_refuse(actor)
    if end_time <= start_time:
        message = _("The session must end after it starts.")
        raise DomainError(E.INVALID_WAVE, message, fields={"end_time": [message]})
    with transaction.atomic():
        wave = _wave_locked(actor, wave_id)
        if wave.status in (WaveStatus.COMPLETED, WaveStatus.CANCELLED):
            raise Conflict(E.NOT_EDITABLE, _("This wave has ended."))
        session = TrainingSession.objects.create(
            wave=wave,
            date=date,
            start_time=start_time,
            end_time=end_time,
            place=text_clean(place),
            topic=text_clean(topic),
        )
        audit_record(
            actor=actor,
            action=AuditAction.TRAINING_WAVE_UPDATED,
            obj=wave,
            office=wave.programme.office,
            data={"session_added": session.pk},
        )
    return session


def wave_advance(
    *, actor: Any, wave_id: Any, to: str, note: str = "", ip_address: str | None = None
) -> Wave:
    """Staff move a wave along its table (announce, open, start, complete, cancel).
    Closing registration and the draw have their own services."""
    _staff_or_refuse(actor)
    if to == WaveStatus.REGISTRATION_CLOSED:
        return wave_close(actor=actor, wave_id=wave_id, ip_address=ip_address)
    if to == WaveStatus.SELECTED:
        return wave_draw(actor=actor, wave_id=wave_id, ip_address=ip_address)
    with transaction.atomic():
        wave = _wave_locked(actor, wave_id)
        _wave_move_audited(wave, to=to, actor=actor, note=note, ip_address=ip_address)
    return wave


def _wave_move_audited(
    wave: Wave, *, to: str, actor: Any, note: str = "", ip_address: str | None = None
) -> None:
    if to in (WaveStatus.PUBLISHED, WaveStatus.REGISTRATION_OPEN):
        if (
            wave.programme.status != ProgrammeStatus.PUBLISHED
            and to == WaveStatus.REGISTRATION_OPEN
        ):
            raise Conflict(E.NOT_OPEN, _("Publish the programme before opening registration."))
    wave_move(wave, to=to, actor=actor, note=note)
    if to == WaveStatus.RUNNING:
        for registration in wave.registrations.select_for_update().filter(
            status=RegistrationStatus.WAITING
        ):
            registration_move(registration, to=RegistrationStatus.NOT_SELECTED, actor=actor)
    audit_record(
        actor=actor,
        action=AuditAction.TRAINING_WAVE_MOVED,
        obj=wave,
        office=wave.programme.office,
        ip_address=ip_address,
        data={"to": to},
    )


def _public_id_new(wave: Wave) -> str:
    while True:
        candidate = secrets.token_hex(5)
        if not Registration.objects.filter(wave=wave, public_id=candidate).exists():
            return candidate


def wave_close(*, actor: Any, wave_id: Any, ip_address: str | None = None) -> Wave:
    """Close registration: the registrants are frozen and, for a lottery, the commitment
    to a fresh secret seed is published (the seed stays secret until the draw)."""
    with transaction.atomic():
        if actor is not None:
            _staff_or_refuse(actor)
            wave = _wave_locked(actor, wave_id)
        else:
            wave = (
                Wave.objects.select_for_update().select_related("programme__office").get(pk=wave_id)
            )
        wave_move(wave, to=WaveStatus.REGISTRATION_CLOSED, actor=actor)
        wave.closed_at = timezone.now()
        if wave.method == SelectionMethod.LOTTERY:
            wave.seed_hex = lottery.seed_new()
            wave.commitment = lottery.commitment_of(wave.seed_hex)
        wave.save(update_fields=["closed_at", "seed_hex", "commitment", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.TRAINING_WAVE_CLOSED,
            obj=wave,
            office=wave.programme.office,
            ip_address=ip_address,
            data={
                "commitment": wave.commitment,
                "registrants": wave.registrations.filter(
                    status=RegistrationStatus.REGISTERED
                ).count(),
            },
        )
    return wave


def _ordered(wave: Wave, registrations: list[Registration]) -> list[Registration]:
    if wave.method == SelectionMethod.LOTTERY:
        return sorted(registrations, key=lambda r: lottery.key_of(wave.seed_hex, r.public_id))
    if wave.method == SelectionMethod.SCORE:
        return sorted(registrations, key=lambda r: (-(r.score or 0), r.registered_at, r.pk))
    return sorted(registrations, key=lambda r: (r.registered_at, r.pk))


def draw_record_of(wave: Wave, registrations: list[Registration] | None = None) -> dict[str, Any]:
    """The public record of the wave's selection (``undian.json``); before the draw the
    seed is ``None`` and the lists are empty."""
    if wave.draw_record:
        return dict(wave.draw_record)
    if registrations is None:
        registrations = list(wave.registrations.filter(status=RegistrationStatus.REGISTERED))
    return {
        "quota": wave.quota,
        "priority_quota": wave.priority_quota,
        "commitment": wave.commitment,
        "seed": None,
        "registrants": [
            {"id": r.public_id, "priority": r.priority}
            for r in sorted(registrations, key=lambda r: r.public_id)
        ],
        "selected": [],
        "waiting": [],
    }


def wave_draw(*, actor: Any, wave_id: Any, ip_address: str | None = None) -> Wave:
    """Select the participants of a closed wave by its method. A wave is drawn once: a
    second draw is refused and the refusal audited."""
    _staff_or_refuse(actor)
    refused: Wave | None = None
    with transaction.atomic():
        wave = _wave_locked(actor, wave_id)
        if wave.drawn_at is not None or wave.status != WaveStatus.REGISTRATION_CLOSED:
            refused = wave
        else:
            _draw_locked(wave, actor=actor, ip_address=ip_address)
    if refused is not None:
        # The refusal is recorded in its own transaction: the caller's error must not
        # roll it back.
        with transaction.atomic():
            audit_record(
                actor=actor,
                action=AuditAction.TRAINING_REDRAW_REFUSED,
                obj=refused,
                office=refused.programme.office,
                ip_address=ip_address,
                data={"status": refused.status},
            )
        if refused.drawn_at is not None:
            raise Conflict(
                E.REDRAW_REFUSED, _("This wave has already been drawn; a draw cannot be redone.")
            )
        raise Conflict(E.NOT_CLOSED, _("Close the registration before the draw."))
    return wave


def _draw_locked(wave: Wave, *, actor: Any, ip_address: str | None) -> None:
    now = timezone.now()
    registrations = list(
        wave.registrations.select_for_update()
        .select_related("seeker")
        .filter(status=RegistrationStatus.REGISTERED)
    )
    ordered = _ordered(wave, registrations)
    order = lottery.select_in_order(
        [(r.public_id, r.priority) for r in ordered],
        quota=wave.quota,
        priority_quota=wave.priority_quota,
    )
    by_id = {r.public_id: r for r in registrations}
    confirm_by = now + dt.timedelta(days=wave.confirm_days)
    for rank, public_id in enumerate(order.selected + order.waiting, start=1):
        registration = by_id[public_id]
        selected = rank <= len(order.selected)
        change = registration_move(
            registration,
            to=RegistrationStatus.SELECTED if selected else RegistrationStatus.WAITING,
            actor=actor,
        )
        registration.rank = rank
        if selected:
            registration.selected_at = now
            registration.confirm_by = confirm_by
        registration.save(update_fields=["rank", "selected_at", "confirm_by", "updated_at"])
        notices.registration_notify(
            registration=registration, event="selected" if selected else "waiting", change=change
        )
    record = draw_record_of(wave, registrations) | {}
    if wave.method == SelectionMethod.LOTTERY:
        record["seed"] = wave.seed_hex
    record["selected"] = order.selected
    record["waiting"] = order.waiting
    wave.draw_record = record
    wave.drawn_at = now
    wave.drawn_by = actor
    wave.save(update_fields=["draw_record", "drawn_at", "drawn_by", "updated_at"])
    wave_move(wave, to=WaveStatus.SELECTED, actor=actor)
    audit_record(
        actor=actor,
        action=AuditAction.TRAINING_DRAW,
        obj=wave,
        office=wave.programme.office,
        ip_address=ip_address,
        data={
            "method": wave.method,
            "registrants": len(registrations),
            "selected": len(order.selected),
            "waiting": len(order.waiting),
        },
    )


# --- registrations -------------------------------------------------------------------------


def _wave_for_seeker(wave_id: Any, *, lock: bool = False) -> Wave:
    queryset = Wave.objects.select_related(
        "programme", "programme__office", "programme__office__region"
    )
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    try:
        return queryset.get(pk=int(wave_id), programme__status=ProgrammeStatus.PUBLISHED)
    except (Wave.DoesNotExist, TypeError, ValueError):
        raise wave_not_found() from None


def registration_open_now(wave: Wave, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return wave.status == WaveStatus.REGISTRATION_OPEN and wave.opens_at <= now < wave.closes_at


def _existing_registration(actor: Any, key: str) -> Registration | None:
    if not key:
        return None
    return Registration.objects.filter(seeker=actor, idempotency_key=key).first()


def registration_create(
    *,
    actor: Any,
    wave_id: Any,
    declared: bool = False,
    priority_group: str = "",
    priority_document_id: Any = None,
    motivation: str = "",
    idempotency_key: str = "",
    ip_address: str | None = None,
) -> tuple[Registration, bool]:
    """A job seeker registers for a wave in one step with the profile. Returns
    ``(registration, created)``; the same ``idempotency_key`` returns the first one."""
    idempotency_key = (idempotency_key or "").strip()
    if len(idempotency_key) > MAX_KEY_LENGTH:
        raise DomainError(
            E.INVALID_IDEMPOTENCY_KEY, _("The Idempotency-Key is too long (at most 100).")
        )
    if getattr(actor, "role", None) != Role.JOB_SEEKER:
        raise PermissionDenied(E.NOT_JOB_SEEKER, _("Only job seekers can register."))
    try:
        with transaction.atomic():
            return _register_locked(
                actor=actor,
                wave_id=wave_id,
                declared=declared,
                priority_group=priority_group,
                priority_document_id=priority_document_id,
                motivation=motivation,
                idempotency_key=idempotency_key,
                ip_address=ip_address,
            )
    except IntegrityError:
        existing = _existing_registration(actor, idempotency_key)
        if existing is not None:
            return existing, False
        raise _already_registered() from None


def _already_registered() -> Conflict:
    return Conflict(E.ALREADY_REGISTERED, _("You have already registered for this wave."))


def _register_locked(
    *,
    actor: Any,
    wave_id: Any,
    declared: bool,
    priority_group: str,
    priority_document_id: Any,
    motivation: str,
    idempotency_key: str,
    ip_address: str | None,
) -> tuple[Registration, bool]:
    get_user_model().objects.select_for_update().filter(pk=actor.pk).values_list(
        "pk", flat=True
    ).first()
    existing = _existing_registration(actor, idempotency_key)
    if existing is not None:
        return existing, False
    # The wave's row lock orders registrations against the close: a registration either
    # commits before the registrant set is frozen (and published) or sees it closed.
    wave = _wave_for_seeker(wave_id, lock=True)
    if not registration_open_now(wave):
        raise Conflict(E.NOT_OPEN, _("Registration for this wave is not open."))
    previous = Registration.objects.filter(wave=wave, seeker=actor).first()
    if previous is not None:
        raise _already_registered()
    programme = wave.programme
    facts = eligibility.facts_for(actor, programme, declared=declared)
    if not facts.has_profile:
        raise Conflict(E.PROFILE_REQUIRED, _("Fill in your profile first: you register with it."))
    results = eligibility.evaluate(programme, facts)
    unmet = [r for r in results if r.state == eligibility.UNMET]
    if unmet:
        raise Conflict(
            E.NOT_ELIGIBLE,
            _("You do not meet every rule of this programme: %(rules)s")
            % {"rules": "; ".join(r.message for r in unmet)},
            details={"rules": [r.as_dict() for r in results]},
        )
    if any(r.state == eligibility.DECLARE for r in results):
        message = _("Tick the declaration to register.")
        raise DomainError(E.DECLARATION_REQUIRED, message, fields={"declared": [message]})
    document = None
    priority = False
    if priority_group:
        allowed = dict(eligibility.priority_groups_open(programme, facts))
        if priority_group not in allowed:
            message = _("This priority group does not apply to you in this programme.")
            raise DomainError(E.INVALID_PRIORITY, message, fields={"priority_group": [message]})
        if priority_group == PriorityGroup.PHK:
            document_id = _int_or_none(priority_document_id)
            document = (
                Document.objects.filter(
                    owner=actor, pk=document_id, current_version__isnull=False
                ).first()
                if document_id is not None
                else None
            )
            if document is None:
                message = _("Choose the uploaded PHK letter (your own document).")
                raise DomainError(
                    E.INVALID_PRIORITY, message, fields={"priority_document": [message]}
                )
        priority = True
    motivation = text_clean(str(motivation or ""), multiline=True)[:2000]
    now = timezone.now()
    registration = Registration.objects.create(
        wave=wave,
        seeker=actor,
        public_id=_public_id_new(wave),
        priority=priority,
        priority_group=priority_group if priority else "",
        priority_document=document,
        motivation=motivation if programme.asks_motivation else "",
        eligibility=[r.as_dict() for r in eligibility.evaluate(programme, facts)],
        declaration=_declaration_text(programme) if declared else "",
        declared_at=now if declared and eligibility.needs_declaration(programme) else None,
        idempotency_key=idempotency_key,
    )
    change = RegistrationStatusChange.objects.create(
        registration=registration, from_status="", to_status=registration.status, actor=actor
    )
    audit_record(
        actor=actor,
        action=AuditAction.TRAINING_REGISTERED,
        obj=registration,
        office=programme.office,
        ip_address=ip_address,
        data={"wave": wave.pk, "priority": priority_group if priority else ""},
    )
    notices.registration_notify(registration=registration, event="registered", change=change)
    return registration, True


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _declaration_text(programme: Programme) -> str:
    lines = [
        eligibility.RULES[code].label_text()
        for code in eligibility.programme_rules(programme)
        if code in eligibility.DECLARATION_RULES
    ]
    return "\n".join(lines)


def _registration_locked(actor: Any, registration_id: Any) -> Registration:
    try:
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("wave", "wave__programme", "wave__programme__office", "seeker")
            .get(pk=int(registration_id))
        )
    except (Registration.DoesNotExist, TypeError, ValueError):
        raise registration_not_found() from None
    if registration.seeker_id != getattr(actor, "pk", None):
        raise registration_not_found()
    return registration


def registration_withdraw(
    *, actor: Any, registration_id: Any, ip_address: str | None = None
) -> Registration:
    """Withdraw while the registration window is open (afterwards the registrants are
    frozen for the draw); a selected or waiting registrant may also give up the place."""
    with transaction.atomic():
        # Locks in the order the close, the draw and the scheduler take them: the wave
        # first, then the registration.
        pk = _int_or_none(registration_id)
        wave_id = (
            None
            if pk is None
            else Registration.objects.filter(pk=pk).values_list("wave_id", flat=True).first()
        )
        if wave_id is None:
            raise registration_not_found()
        wave = Wave.objects.select_for_update().select_related("programme__office").get(pk=wave_id)
        registration = _registration_locked(actor, registration_id)
        registration.wave = wave
        if registration.status == RegistrationStatus.REGISTERED and not registration_open_now(
            registration.wave
        ):
            raise Conflict(
                E.WITHDRAW_CLOSED,
                _("Registration has closed; you can no longer withdraw before the draw."),
            )
        was_selected = registration.status == RegistrationStatus.SELECTED
        registration_move(registration, to=RegistrationStatus.WITHDRAWN, actor=actor)
        registration.withdrawn_at = timezone.now()
        registration.save(update_fields=["withdrawn_at", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.TRAINING_WITHDRAWN,
            obj=registration,
            office=registration.wave.programme.office,
            ip_address=ip_address,
        )
        if was_selected:
            _replace(wave, lapsed=registration, now=timezone.now())
    return registration


def registration_confirm(
    *,
    actor: Any,
    registration_id: Any,
    now: dt.datetime | None = None,
    ip_address: str | None = None,
) -> Registration:
    """The selected registrant confirms the place before ``confirm_by``. Confirming twice
    returns the same registration."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = _registration_locked(actor, registration_id)
        if registration.status == RegistrationStatus.CONFIRMED:
            return registration
        if registration.status != RegistrationStatus.SELECTED:
            raise Conflict(E.NOT_SELECTED, _("There is no place to confirm in this registration."))
        if registration.confirm_by is not None and now > registration.confirm_by:
            raise Conflict(E.CONFIRM_EXPIRED, _("The time to confirm this place has passed."))
        change = registration_move(registration, to=RegistrationStatus.CONFIRMED, actor=actor)
        registration.confirmed_at = now
        registration.save(update_fields=["confirmed_at", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.TRAINING_CONFIRMED,
            obj=registration,
            office=registration.wave.programme.office,
            ip_address=ip_address,
        )
        notices.registration_notify(registration=registration, event="confirmed", change=change)
    return registration


def registration_score_set(*, actor: Any, registration_id: Any, score: Any) -> Registration:
    """Staff record a basic test score (0–100) before the draw of a score wave."""
    _staff_or_refuse(actor)
    value = _int_or_none(score)
    if value is None or not 0 <= value <= 100:
        message = _("Enter a score from 0 to 100.")
        raise DomainError(E.INVALID_SCORE, message, fields={"score": [message]})
    with transaction.atomic():
        try:
            registration = (
                Registration.objects.select_for_update(of=("self",))
                .select_related("wave__programme__office")
                .get(pk=int(registration_id), wave__programme__office_id=actor.office_id)
            )
        except (Registration.DoesNotExist, TypeError, ValueError):
            raise registration_not_found() from None
        if registration.wave.drawn_at is not None:
            raise Conflict(E.NOT_EDITABLE, _("Scores cannot change after the selection."))
        registration.score = value
        registration.save(update_fields=["score", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.TRAINING_WAVE_UPDATED,
            obj=registration,
            office=registration.wave.programme.office,
            data={"score": value},
        )
    return registration


def _replace(wave: Wave, *, lapsed: Registration, now: dt.datetime) -> Replacement:
    """The next on the waiting list (by rank) takes the place ``lapsed`` left."""
    following = (
        wave.registrations.select_for_update(of=("self",))
        .select_related("seeker", "wave__programme__office")
        .filter(status=RegistrationStatus.WAITING)
        .order_by("rank")
        .first()
    )
    if following is not None:
        change = registration_move(
            following, to=RegistrationStatus.SELECTED, actor=None, note=lapsed.public_id
        )
        following.selected_at = now
        following.confirm_by = now + dt.timedelta(days=wave.confirm_days)
        following.save(update_fields=["selected_at", "confirm_by", "updated_at"])
        audit_record(
            actor=None,
            action=AuditAction.TRAINING_REPLACED_IN,
            obj=following,
            office=wave.programme.office,
            data={"replaces": lapsed.public_id},
        )
        notices.registration_notify(registration=following, event="replaced_in", change=change)
    return Replacement.objects.create(wave=wave, lapsed=lapsed, replaced_by=following)


def registrations_lapse_due(*, now: dt.datetime | None = None) -> int:
    """The scheduler job: selected registrants past ``confirm_by`` lapse and the waiting
    list moves up in order; also opens and closes registration windows on time. Returns
    the number of places handed on. Safe to run twice (each row is locked and re-read)."""
    now = now or timezone.now()
    _windows_move(now)
    moved = 0
    due_ids = list(
        Registration.objects.filter(status=RegistrationStatus.SELECTED, confirm_by__lt=now)
        .order_by("wave_id", "rank")
        .values_list("pk", flat=True)
    )
    for registration_id in due_ids:
        with transaction.atomic():
            wave_id = Registration.objects.values_list("wave_id", flat=True).get(pk=registration_id)
            wave = (
                Wave.objects.select_for_update().select_related("programme__office").get(pk=wave_id)
            )
            registration = (
                Registration.objects.select_for_update(of=("self",))
                .select_related("wave__programme__office")
                .get(pk=registration_id)
            )
            if registration.status != RegistrationStatus.SELECTED or not (
                registration.confirm_by and registration.confirm_by < now
            ):
                continue
            registration_move(registration, to=RegistrationStatus.LAPSED, actor=None)
            audit_record(
                actor=None,
                action=AuditAction.TRAINING_LAPSED,
                obj=registration,
                office=wave.programme.office,
            )
            _replace(wave, lapsed=registration, now=now)
            moved += 1
    return moved


def _windows_move(now: dt.datetime) -> None:
    for wave_id in Wave.objects.filter(
        status=WaveStatus.PUBLISHED, opens_at__lte=now, programme__status=ProgrammeStatus.PUBLISHED
    ).values_list("pk", flat=True):
        with transaction.atomic():
            wave = (
                Wave.objects.select_for_update().select_related("programme__office").get(pk=wave_id)
            )
            if wave.status == WaveStatus.PUBLISHED:
                wave_move(wave, to=WaveStatus.REGISTRATION_OPEN, actor=None)
    for wave_id in Wave.objects.filter(
        status=WaveStatus.REGISTRATION_OPEN, closes_at__lte=now
    ).values_list("pk", flat=True):
        wave_close(actor=None, wave_id=wave_id)
