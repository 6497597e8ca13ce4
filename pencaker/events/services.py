"""Every write of the events app: events (staff of the office), registrations (job
seekers), check-in at the door (staff) and hires reported from a fair (employers).

Registrations of one event are serialised by a row lock on the event
(``select_for_update``): the count of seats taken and the new row are decided one at a
time, so the quota holds whatever the number of parallel requests; a partial unique
constraint keeps one active registration per seeker and event, and the same
Idempotency-Key returns the first registration.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.accounts.models import STAFF_ROLES, Role
from pencaker.accounts.permissions import can_decide
from pencaker.cards.selectors import card_current_of_holder
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from pencaker.core.text import has_forbidden_characters, name_clean, text_clean
from pencaker.employers.models import Organisation
from pencaker.employers.selectors import organisation_verified_of
from pencaker.events import notices, tickets
from pencaker.events.choices import ACTIVE, SEATED, EventKind, EventStatus
from pencaker.events.choices import RegistrationStatus as R
from pencaker.events.errors import EventErrorCode as E
from pencaker.events.models import Event, EventEmployer, FairHire, Registration
from pencaker.events.workflow import registration_move
from pencaker.vacancies.choices import Status as VacancyStatus
from pencaker.vacancies.hire_reports import hire_report_create
from pencaker.vacancies.models import Vacancy

MAX_KEY_LENGTH = 100


def event_not_found() -> NotFound:
    return NotFound(E.EVENT_NOT_FOUND, _("There is no such event."))


def _registration_not_found() -> NotFound:
    return NotFound(E.REGISTRATION_NOT_FOUND, _("There is no such registration."))


# --- Events (staff) --------------------------------------------------------------------------


@dataclass
class EventInput:
    kind: str
    title: str
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    place: str = ""
    online_link: str = ""
    quota: int | None = 0
    description: str = ""


def _clean_event(data: EventInput) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    title = name_clean(data.title or "")
    description = text_clean(data.description or "", multiline=True)
    place = name_clean(data.place or "")
    link = (data.online_link or "").strip()
    values: dict[str, Any] = {
        "kind": data.kind,
        "title": title,
        "description": description,
        "place": place,
        "online_link": link,
        "starts_at": data.starts_at,
        "ends_at": data.ends_at,
        "quota": data.quota,
    }
    if data.kind not in EventKind.values:
        errors["kind"] = [_("Choose the kind of event.")]
    if not 3 <= len(title) <= 150:
        errors["title"] = [_("Write a title of 3 to 150 characters.")]
    if len(description) > 5000:
        errors["description"] = [_("Use at most 5,000 characters.")]
    if len(place) > 300:
        errors["place"] = [_("Use at most 300 characters.")]
    if link and (not link.startswith(("https://", "http://")) or len(link) > 300 or " " in link):
        errors["online_link"] = [_("Enter a link that starts with https://.")]
    if not place and not link:
        errors["place"] = [_("Enter the place, an online link, or both.")]
    if data.starts_at is None:
        errors["starts_at"] = [_("Enter when the event starts.")]
    if data.ends_at is None:
        errors["ends_at"] = [_("Enter when the event ends.")]
    elif data.starts_at is not None and data.ends_at < data.starts_at:
        errors["ends_at"] = [_("The event must end after it starts.")]
    if data.quota is None or not 0 <= data.quota <= 100_000:
        errors["quota"] = [_("Enter a quota from 0 (no limit) to 100,000.")]
    for name in ("title", "description", "place", "online_link"):
        if has_forbidden_characters(str(getattr(data, name) or "")):
            errors[name] = [_("Remove the characters that cannot be stored.")]
    if errors:
        raise DomainError(E.INVALID_EVENT, _("Check the marked fields."), fields=errors)
    return values


def _staff_or_refuse(actor: Any) -> None:
    if not can_decide(actor):
        raise PermissionDenied(E.FORBIDDEN, _("Only operators of the office can do this."))


def _staff_event_locked(actor: Any, event_id: Any) -> Event:
    try:
        return Event.objects.select_for_update().get(pk=int(event_id), office_id=actor.office_id)
    except (Event.DoesNotExist, TypeError, ValueError):
        raise event_not_found() from None


def event_create(*, actor: Any, data: EventInput, ip_address: str | None = None) -> Event:
    _staff_or_refuse(actor)
    values = _clean_event(data)
    with transaction.atomic():
        event = Event.objects.create(office_id=actor.office_id, created_by=actor, **values)
        audit_record(
            actor=actor,
            action=AuditAction.EVENT_CREATED,
            obj=event,
            office=event.office,
            ip_address=ip_address,
        )
    return event


def event_update(
    *, actor: Any, event_id: Any, data: EventInput, ip_address: str | None = None
) -> Event:
    """Change an event; a larger quota moves people up from the waiting list."""
    _staff_or_refuse(actor)
    values = _clean_event(data)
    with transaction.atomic():
        event = _staff_event_locked(actor, event_id)
        for name, value in values.items():
            setattr(event, name, value)
        event.save()
        audit_record(
            actor=actor,
            action=AuditAction.EVENT_UPDATED,
            obj=event,
            office=event.office,
            ip_address=ip_address,
        )
        _promote(event, actor=actor)
    return event


def event_cancel(*, actor: Any, event_id: Any, ip_address: str | None = None) -> Event:
    _staff_or_refuse(actor)
    with transaction.atomic():
        event = _staff_event_locked(actor, event_id)
        if event.status != EventStatus.CANCELLED:
            event.status = EventStatus.CANCELLED
            event.save(update_fields=["status", "updated_at"])
            audit_record(
                actor=actor,
                action=AuditAction.EVENT_CANCELLED,
                obj=event,
                office=event.office,
                ip_address=ip_address,
            )
    return event


def event_employers_set(
    *,
    actor: Any,
    event_id: Any,
    organisation_ids: Sequence[int],
    vacancy_ids: Sequence[int] = (),
    ip_address: str | None = None,
) -> Event:
    """The participating employers (verified organisations) and the vacancies they bring
    (their own published vacancies)."""
    _staff_or_refuse(actor)
    wanted = {int(pk) for pk in organisation_ids}
    organisations = {o.pk: o for o in Organisation.objects.filter(pk__in=wanted) if o.is_verified}
    if len(organisations) != len(wanted):
        raise DomainError(
            E.INVALID_EMPLOYER,
            _("Choose verified employers only."),
            fields={"organisations": [_("Choose verified employers only.")]},
        )
    vacancies = list(
        Vacancy.objects.filter(
            pk__in={int(pk) for pk in vacancy_ids},
            status=VacancyStatus.PUBLISHED,
            organisation_id__in=wanted,
        )
    )
    if len(vacancies) != len(set(vacancy_ids)):
        raise DomainError(
            E.INVALID_EMPLOYER,
            _("Choose published vacancies of the chosen employers."),
            fields={"vacancies": [_("Choose published vacancies of the chosen employers.")]},
        )
    with transaction.atomic():
        event = _staff_event_locked(actor, event_id)
        EventEmployer.objects.filter(event=event).exclude(organisation_id__in=wanted).delete()
        for organisation in organisations.values():
            row, _created = EventEmployer.objects.get_or_create(
                event=event, organisation=organisation
            )
            row.vacancies.set([v for v in vacancies if v.organisation_id == organisation.pk])
        audit_record(
            actor=actor,
            action=AuditAction.EVENT_UPDATED,
            obj=event,
            office=event.office,
            ip_address=ip_address,
            data={"organisations": sorted(wanted), "vacancies": sorted(v.pk for v in vacancies)},
        )
    return event


# --- Registrations (job seekers) -------------------------------------------------------------


def is_open(event: Event, *, now: dt.datetime | None = None) -> bool:
    return event.status == EventStatus.PUBLISHED and event.ends_at > (now or timezone.now())


def seats_taken(event: Event) -> int:
    return Registration.objects.filter(event=event, status__in=SEATED).count()


def _new_code() -> str:
    for _attempt in range(5):
        code = tickets.new_code()
        if not Registration.objects.filter(ticket_code=code).exists():
            return code
    raise RuntimeError("could not draw a free ticket code")


def event_register(
    *, actor: Any, event_id: Any, idempotency_key: str = "", ip_address: str | None = None
) -> tuple[Registration, bool]:
    """A signed-in job seeker registers. Returns ``(registration, created)``: a seat with a
    ticket while the quota allows, the waiting list otherwise; calling again (or with the
    same Idempotency-Key) returns the registration already made."""
    key = (idempotency_key or "").strip()
    if len(key) > MAX_KEY_LENGTH or has_forbidden_characters(key):
        raise DomainError(
            E.INVALID_IDEMPOTENCY_KEY, _("The Idempotency-Key is too long (at most 100).")
        )
    if getattr(actor, "role", None) != Role.JOB_SEEKER:
        raise PermissionDenied(E.NOT_JOB_SEEKER, _("Only job seekers can register."))
    try:
        with transaction.atomic():
            return _register_locked(actor=actor, event_id=event_id, key=key, ip_address=ip_address)
    except IntegrityError:
        existing = _existing(actor, event_id, key)
        if existing is None:
            raise
        return existing, False


def _existing(actor: Any, event_id: Any, key: str) -> Registration | None:
    if key:
        found = Registration.objects.filter(seeker=actor, idempotency_key=key).first()
        if found is not None:
            return found
    return Registration.objects.filter(seeker=actor, event_id=event_id, status__in=ACTIVE).first()


def _register_locked(
    *, actor: Any, event_id: Any, key: str, ip_address: str | None
) -> tuple[Registration, bool]:
    try:
        event = Event.objects.select_for_update().get(pk=int(event_id))
    except (Event.DoesNotExist, TypeError, ValueError):
        raise event_not_found() from None
    existing = _existing(actor, event.pk, key)
    if existing is not None:
        return existing, False
    if not is_open(event):
        raise Conflict(E.NOT_OPEN, _("Registration for this event is closed."))
    seated = event.quota == 0 or seats_taken(event) < event.quota
    registration = Registration.objects.create(
        event=event,
        seeker=actor,
        status=R.REGISTERED if seated else R.WAITLISTED,
        ticket_code=_new_code(),
        idempotency_key=key,
    )
    registration.history.create(from_status="", to_status=registration.status, actor=actor)
    audit_record(
        actor=actor,
        action=AuditAction.EVENT_REGISTERED,
        obj=registration,
        office=event.office,
        ip_address=ip_address,
        data={"event": event.pk, "status": registration.status},
    )
    notices.registration_notify(
        registration=registration,
        kind="registered" if seated else "waitlisted",
        key=str(registration.pk),
    )
    return registration, True


def _promote(event: Event, *, actor: Any) -> list[Registration]:
    """Move people up from the waiting list, in the order they registered, while seats are
    free. The caller holds the event's lock."""
    if not is_open(event):
        return []
    free = None if event.quota == 0 else event.quota - seats_taken(event)
    waiting = (
        Registration.objects.select_for_update()
        .select_related("event", "seeker")
        .filter(event=event, status=R.WAITLISTED)
        .order_by("id")
    )
    if free is not None:
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = []
    for registration in waiting:
        change = registration_move(registration, to=R.REGISTERED, actor=None, note="waiting list")
        audit_record(
            actor=actor,
            action=AuditAction.EVENT_WAITLIST_PROMOTED,
            obj=registration,
            office=event.office,
        )
        notices.registration_notify(registration=registration, kind="promoted", key=str(change.pk))
        promoted.append(registration)
    return promoted


def registration_cancel(
    *, actor: Any, registration_id: Any, ip_address: str | None = None
) -> Registration:
    """The seeker cancels; a freed seat goes to the first on the waiting list."""
    try:
        event_id = Registration.objects.filter(pk=int(registration_id), seeker=actor).values_list(
            "event_id", flat=True
        )[0]
    except (IndexError, TypeError, ValueError):
        raise _registration_not_found() from None
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event_id)
        registration = Registration.objects.select_for_update().get(pk=int(registration_id))
        if registration.status == R.CANCELLED:
            return registration
        registration_move(registration, to=R.CANCELLED, actor=actor)
        audit_record(
            actor=actor,
            action=AuditAction.EVENT_REGISTRATION_CANCELLED,
            obj=registration,
            office=event.office,
            ip_address=ip_address,
        )
        _promote(event, actor=actor)
    return registration


# --- At the door (staff) ---------------------------------------------------------------------


@dataclass(frozen=True)
class CheckIn:
    registration: Registration
    already: bool  # the ticket had been checked before (the first time is kept)


def event_checkin(
    *, actor: Any, event_id: Any, code: str, ip_address: str | None = None
) -> CheckIn:
    """Staff of the event's office check a ticket: the short code, the token or the link
    of the QR code. Checking the same ticket again answers ``already`` (not an error)."""
    if getattr(actor, "role", None) not in STAFF_ROLES or not getattr(actor, "office_id", None):
        raise PermissionDenied(E.FORBIDDEN, _("Only staff of the office can do this."))
    registration_id, ticket_code = tickets.parse(code)
    if not ticket_code:
        raise DomainError(
            E.TICKET_NOT_FOUND,
            _("This is not a ticket code. Type the 8 characters under the QR code."),
            fields={"code": [_("Type the 8 characters under the QR code.")]},
        )
    with transaction.atomic():
        try:
            event = Event.objects.select_for_update().get(
                pk=int(event_id), office_id=actor.office_id
            )
        except (Event.DoesNotExist, TypeError, ValueError):
            raise event_not_found() from None
        found = Registration.objects.select_for_update().select_related("seeker")
        found = found.filter(event=event, ticket_code=ticket_code)
        if registration_id is not None:
            found = found.filter(pk=registration_id)
        registration = found.first()
        if registration is None:
            raise NotFound(E.TICKET_NOT_FOUND, _("No ticket of this event has this code."))
        if registration.status == R.ATTENDED:
            return CheckIn(registration, already=True)
        if registration.status != R.REGISTERED:
            raise Conflict(
                E.TICKET_NOT_VALID,
                _("This ticket is not valid: %(status)s.")
                % {"status": registration.get_status_display()},
            )
        registration.checked_in_at = timezone.now()
        registration.checked_in_by = actor
        registration_move(registration, to=R.ATTENDED, actor=actor)
        audit_record(
            actor=actor,
            action=AuditAction.EVENT_CHECKED_IN,
            obj=registration,
            office=event.office,
            ip_address=ip_address,
        )
    return CheckIn(registration, already=False)


# --- Reminders (the daily job) ---------------------------------------------------------------


def event_reminders_send(*, today: dt.date) -> int:
    """Remind everyone with a seat at an event that starts tomorrow (once each)."""
    tomorrow = today + dt.timedelta(days=1)
    sent = 0
    ids = list(
        Registration.objects.filter(
            status=R.REGISTERED,
            reminded_at__isnull=True,
            event__status=EventStatus.PUBLISHED,
            event__starts_at__date=tomorrow,
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        with transaction.atomic():
            registration = (
                Registration.objects.select_for_update()
                .select_related("event", "seeker")
                .get(pk=pk)
            )
            if registration.reminded_at is not None or registration.status != R.REGISTERED:
                continue
            registration.reminded_at = timezone.now()
            registration.save(update_fields=["reminded_at", "updated_at"])
            notices.registration_notify(
                registration=registration, kind="reminder", key=tomorrow.isoformat()
            )
            sent += 1
    return sent


# --- Hires from a fair (employers) -----------------------------------------------------------


def fair_hire_report(
    *,
    actor: Any,
    event_id: Any,
    registration_id: Any,
    position: str,
    start_date: dt.date | None,
    employment_type: str,
    today: dt.date,
    ip_address: str | None = None,
) -> FairHire:
    """A participating employer reports that it hired an attendee. The hire goes through
    the vacancies app's hire report: the holder confirms it and lifecycle records the
    placement (source "employer"), the one way placements are made from a hire."""
    organisation = organisation_verified_of(actor)
    if organisation is None:
        raise PermissionDenied(E.NOT_PARTICIPANT, _("Only verified employers can do this."))
    try:
        registration = Registration.objects.select_related("event", "seeker").get(
            pk=int(registration_id), event_id=int(event_id)
        )
    except (Registration.DoesNotExist, TypeError, ValueError):
        raise _registration_not_found() from None
    if not EventEmployer.objects.filter(
        event_id=registration.event_id, organisation=organisation
    ).exists():
        raise PermissionDenied(E.NOT_PARTICIPANT, _("Your organisation is not at this event."))
    if registration.status != R.ATTENDED:
        raise Conflict(E.NOT_ATTENDED, _("Only attendees checked in at the door can be reported."))
    card = card_current_of_holder(registration.seeker)
    with transaction.atomic():
        report = hire_report_create(
            actor=actor,
            card_number=card.number if card is not None else "",
            birth_date=card.birth_date if card is not None else None,
            position=position,
            start_date=start_date,
            employment_type=employment_type,
            today=today,
            ip_address=ip_address,
        )
        hire = FairHire.objects.create(
            event=registration.event,
            organisation=organisation,
            registration=registration,
            hire_report=report,
            reported_by=actor,
        )
        audit_record(
            actor=actor,
            action=AuditAction.EVENT_HIRE_REPORTED,
            obj=hire,
            office=registration.event.office,
            ip_address=ip_address,
            data={"hire_report": report.pk},
        )
    return hire
