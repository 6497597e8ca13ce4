"""Writes of the counter queue: book or take a number, call the next one, finish a visit,
release no-shows.

Capacity: the ``DailyCount`` row of (office, day, service) is locked while a ticket is
issued; its ``issued`` is both the capacity check and the ticket's number, so parallel
bookings queue on that row and never pass the limit (on SQLite every write transaction
starts IMMEDIATE, which serialises them the same way). Calling: the next waiting ticket is
taken with ``select_for_update(skip_locked=True)`` and moved with a conditional update, so
two staff calling at once always get two different tickets.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from pencaker.accounts.permissions import can_decide
from pencaker.accounts.phone import phone_normalize
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from pencaker.core.links import absolute_url
from pencaker.core.text import has_forbidden_characters, name_clean
from pencaker.counter import selectors
from pencaker.counter.choices import Service, Source, TicketStatus
from pencaker.counter.errors import CounterErrorCode as E
from pencaker.counter.models import DailyCount, Ticket, TicketStatusChange
from pencaker.notifications.models import Channel
from pencaker.notifications.services import notification_queue_templated
from pencaker.offices.models import Office

MAX_KEY_LENGTH = 100

ALLOWED: dict[str, set[str]] = {
    TicketStatus.WAITING: {TicketStatus.CALLED, TicketStatus.NO_SHOW},
    TicketStatus.CALLED: {TicketStatus.SERVED, TicketStatus.NO_SHOW, TicketStatus.WAITING},
    TicketStatus.SERVED: set(),
    TicketStatus.NO_SHOW: set(),
}


def contact_normalize(raw: str) -> tuple[str, str]:
    """``(channel, address)``: an email address, or a mobile number in E.164 (SMS)."""
    value = (raw or "").strip()
    if not value:
        return "", ""
    if has_forbidden_characters(value) or len(value) > 254:
        raise _contact_error()
    if "@" in value:
        try:
            validate_email(value)
        except ValidationError:
            raise _contact_error() from None
        return Channel.EMAIL, value.lower()
    try:
        return Channel.SMS, phone_normalize(value)
    except ValidationError:
        raise _contact_error() from None


def _contact_error() -> DomainError:
    message = _("Give a mobile number (0812 3456 7890) or an email address.")
    return DomainError(E.INVALID_CONTACT, message, fields={"contact": [message]})


def _history(ticket: Ticket, *, to: str, actor: Any, note: str = "") -> None:
    current = ticket.status
    if to not in ALLOWED.get(current, set()):
        raise Conflict(E.WRONG_STATE, _("This ticket is no longer in the queue."))
    TicketStatusChange.objects.create(
        ticket=ticket,
        from_status=current,
        to_status=to,
        actor=actor if getattr(actor, "pk", None) else None,
        note=note,
    )


def _locked_count(office: Office, day: dt.date, service: str) -> DailyCount:
    try:
        with transaction.atomic():
            DailyCount.objects.get_or_create(office=office, day=day, service=service)
    except IntegrityError:
        pass  # a parallel booking made it first
    return DailyCount.objects.select_for_update().get(office=office, day=day, service=service)


def ticket_book(
    *,
    office: Office,
    service: str,
    day: dt.date,
    name: str = "",
    contact: str = "",
    user: Any = None,
    source: str = Source.ONLINE,
    idempotency_key: str = "",
    now: dt.datetime | None = None,
) -> tuple[Ticket, bool]:
    """Give out the next number of ``service`` on ``day``. Returns ``(ticket, created)``.

    Online bookings need a name and a contact (the ticket is sent there); a kiosk walk-in
    may leave both empty. The same ``idempotency_key`` at the office returns the first
    ticket (a repeated form or API call books once).
    """
    now = now or timezone.now()
    key = (idempotency_key or "").strip()
    if len(key) > MAX_KEY_LENGTH or has_forbidden_characters(key):
        raise DomainError(
            E.INVALID_IDEMPOTENCY_KEY, _("The Idempotency-Key is too long (at most 100).")
        )
    if service not in Service.values:
        message = _("Choose one of the services.")
        raise DomainError(E.INVALID_SERVICE, message, fields={"service": [message]})
    clean_name = name_clean(name or "")[:120]
    channel, address = contact_normalize(contact)
    if user is not None and getattr(user, "is_authenticated", False):
        clean_name = clean_name or name_clean(getattr(user, "full_name", "") or "")[:120]
        user_email = str(getattr(user, "email", None) or "")
        if not address and user_email:
            channel, address = Channel.EMAIL, user_email
    else:
        user = None
    if source != Source.KIOSK:
        errors = {}
        if not clean_name:
            errors["name"] = [_("Write your name.")]
        if not address:
            errors["contact"] = [_("Give a mobile number or an email address for the ticket.")]
        if errors:
            raise DomainError(E.INVALID_NAME, _("Some fields need attention."), fields=errors)
    if key:
        existing = Ticket.objects.filter(office=office, idempotency_key=key).first()
        if existing is not None:
            return existing, False
    days = {d.day for d in selectors.bookable_days(office, now=now)}
    calendar = selectors.counter_calendar(office)
    if not calendar.is_working_day(day):
        message = _("The counter is closed on that day. Choose another day.")
        raise Conflict(E.CLOSED_DAY, message, fields={"day": [message]})
    if day not in days:
        message = _("Choose one of the days offered.")
        raise Conflict(E.DAY_OUT_OF_RANGE, message, fields={"day": [message]})
    capacity = selectors.counter_capacities(office)[service]
    try:
        with transaction.atomic():
            count = _locked_count(office, day, service)
            if key:
                existing = Ticket.objects.filter(office=office, idempotency_key=key).first()
                if existing is not None:
                    return existing, False
            if count.issued >= capacity:
                message = _("All numbers for this service on that day are taken.")
                raise Conflict(E.FULL, message, fields={"day": [message]})
            count.issued += 1
            count.save(update_fields=["issued"])
            ticket = Ticket.objects.create(
                office=office,
                day=day,
                service=service,
                number=count.issued,
                source=source,
                name=clean_name,
                contact=address,
                user=user,
                token=secrets.token_urlsafe(24),
                idempotency_key=key,
            )
            TicketStatusChange.objects.create(
                ticket=ticket, from_status="", to_status=TicketStatus.WAITING, actor=user
            )
            audit_record(
                actor=user,
                action=AuditAction.COUNTER_TICKET_BOOKED,
                obj=ticket,
                office=office,
                data={"service": service, "day": day.isoformat(), "source": source},
            )
            if address:
                _send_ticket(ticket, channel)
    except IntegrityError:
        existing = (
            Ticket.objects.filter(office=office, idempotency_key=key).first() if key else None
        )
        if existing is None:
            raise
        return existing, False
    return ticket, True


def ticket_path(ticket: Ticket) -> str:
    return reverse("counter:ticket", kwargs={"token": ticket.token})


def _send_ticket(ticket: Ticket, channel: str) -> None:
    settings_row = selectors.counter_settings(ticket.office)
    context = {
        "name": ticket.name,
        "code": ticket.code,
        "service": Service(ticket.service).label,
        "day": formats.date_format(ticket.day, "l, j F Y"),
        "opens": settings_row.opens.strftime("%H:%M"),
        "closes": settings_row.closes.strftime("%H:%M"),
        "office": ticket.office.name,
        "url": absolute_url(ticket_path(ticket)),
    }
    notification_queue_templated(
        channel=channel,
        recipient=ticket.contact,
        kind="counter_ticket",
        template="counter/notices/ticket",
        context=context,
        dedupe_key=f"counter-ticket-{ticket.pk}",
    )


def _staff_or_refuse(actor: Any) -> None:
    if not can_decide(actor):
        raise PermissionDenied(E.NOT_STAFF, _("Only the office's staff can call numbers."))


def queue_call_next(
    *,
    actor: Any,
    service: str = "",
    desk: str = "",
    now: dt.datetime | None = None,
    ip_address: str | None = None,
) -> Ticket:
    """Call the next waiting number of today (of ``service`` when given) to ``desk``."""
    _staff_or_refuse(actor)
    if service and service not in Service.values:
        message = _("Choose one of the services.")
        raise DomainError(E.INVALID_SERVICE, message, fields={"service": [message]})
    now = now or timezone.now()
    office = actor.office
    today = selectors.counter_calendar(office).local_date(now)
    desk = name_clean(desk or "")[:20]
    for _attempt in range(5):
        with transaction.atomic():
            waiting = Ticket.objects.filter(office=office, day=today, status=TicketStatus.WAITING)
            if service:
                waiting = waiting.filter(service=service)
            ticket = (
                waiting.order_by("number", "service").select_for_update(skip_locked=True).first()
            )
            if ticket is None:
                raise Conflict(E.QUEUE_EMPTY, _("Nobody is waiting."))
            moved = Ticket.objects.filter(pk=ticket.pk, status=TicketStatus.WAITING).update(
                status=TicketStatus.CALLED, called_at=now, called_by=actor, desk=desk
            )
            if not moved:
                continue  # another member of staff called it a moment ago
            _history(ticket, to=TicketStatus.CALLED, actor=actor)
            ticket.refresh_from_db()
            audit_record(
                actor=actor,
                action=AuditAction.COUNTER_TICKET_CALLED,
                obj=ticket,
                office=office,
                ip_address=ip_address,
                data={"code": ticket.code, "desk": desk},
            )
            return ticket
    raise Conflict(E.QUEUE_EMPTY, _("Nobody is waiting."))


def ticket_finish(
    *,
    actor: Any,
    ticket_id: Any,
    status: str,
    now: dt.datetime | None = None,
    ip_address: str | None = None,
) -> Ticket:
    """Staff record that a called visitor was served, did not come, or goes back to wait."""
    _staff_or_refuse(actor)
    if status not in (TicketStatus.SERVED, TicketStatus.NO_SHOW, TicketStatus.WAITING):
        raise Conflict(E.WRONG_STATE, _("This ticket is no longer in the queue."))
    with transaction.atomic():
        try:
            ticket = Ticket.objects.select_for_update().get(pk=int(ticket_id), office=actor.office)
        except (Ticket.DoesNotExist, TypeError, ValueError):
            raise NotFound(E.NOT_FOUND, _("No such ticket.")) from None
        if ticket.status != TicketStatus.CALLED:
            raise Conflict(E.WRONG_STATE, _("This ticket is no longer in the queue."))
        _history(ticket, to=status, actor=actor)
        ticket.status = status
        if status == TicketStatus.WAITING:
            ticket.called_at, ticket.called_by, ticket.desk = None, None, ""
        else:
            ticket.finished_at = now or timezone.now()
        ticket.save()
        audit_record(
            actor=actor,
            action=AuditAction.COUNTER_TICKET_FINISHED,
            obj=ticket,
            office=ticket.office,
            ip_address=ip_address,
            data={"code": ticket.code, "status": status},
        )
    return ticket


def no_shows_release(*, now: dt.datetime | None = None) -> int:
    """Release called numbers whose grace time has passed, and numbers of past days that
    were never called, as no-shows. Returns how many; running it again changes nothing."""
    now = now or timezone.now()
    released = 0
    # Only offices with a number still open: the job runs every minute.
    open_offices = Ticket.objects.filter(
        status__in=[TicketStatus.CALLED, TicketStatus.WAITING]
    ).values("office_id")
    for office in Office.objects.filter(pk__in=open_offices):
        settings_row = selectors.counter_settings(office)
        calendar = selectors.counter_calendar(office)
        today = calendar.local_date(now)
        cutoff = now - dt.timedelta(minutes=settings_row.grace_minutes)
        stale = Ticket.objects.filter(office=office).filter(
            status=TicketStatus.CALLED, called_at__lt=cutoff
        ) | Ticket.objects.filter(office=office, status=TicketStatus.WAITING, day__lt=today)
        ids = list(stale.values_list("pk", flat=True)[:1000])
        if not ids:
            continue
        with transaction.atomic():
            for ticket in Ticket.objects.select_for_update().filter(pk__in=ids):
                if ticket.status not in (TicketStatus.CALLED, TicketStatus.WAITING):
                    continue
                _history(ticket, to=TicketStatus.NO_SHOW, actor=None, note="grace time passed")
                ticket.status = TicketStatus.NO_SHOW
                ticket.finished_at = now
                ticket.save(update_fields=["status", "finished_at"])
                released += 1
            audit_record(
                actor=None,
                action=AuditAction.COUNTER_NO_SHOWS_RELEASED,
                office=office,
                data={"count": len(ids)},
            )
    return released
