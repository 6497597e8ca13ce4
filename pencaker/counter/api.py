"""Counter API, mounted at /api/v1/counter.

Public (no token): ``counter_slots_public`` (the days one can book at an office and the
numbers left per service), ``counter_booking_create`` (send an ``Idempotency-Key``
header: a retry answers the first ticket with 200; a job seeker's token, when sent, links
the ticket to the account), ``counter_booking_get`` (by the ticket's token).
Staff (an operator's or admin dinas's token): ``counter_queue_call`` calls the next number.

Errors answer ``{"code", "message", "details"}``; field errors are ``details.fields``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import AuthenticationError

from pencaker.accounts.api_auth import TokenAuth
from pencaker.core.audit import client_ip
from pencaker.core.errors import NotFound
from pencaker.core.links import absolute_url
from pencaker.counter import selectors, services
from pencaker.counter.choices import Source
from pencaker.counter.errors import CounterErrorCode as E
from pencaker.counter.models import Ticket
from pencaker.offices.models import Office

router = Router(tags=["counter"], auth=TokenAuth())


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, Any] = {}


class DayOut(Schema):
    day: dt.date
    remaining: dict[str, int]


class SlotsOut(Schema):
    office: str
    opens: str
    closes: str
    days: list[DayOut]


class BookingIn(Schema):
    office: str = Field(max_length=13)
    service: str = Field(max_length=1)
    day: dt.date
    name: str = Field(default="", max_length=120)
    contact: str = Field(default="", max_length=254)


class TicketOut(Schema):
    token: str
    code: str
    office: str
    service: str
    day: dt.date
    status: str
    desk: str
    called_at: dt.datetime | None
    url: str


class CallIn(Schema):
    service: str = Field(default="", max_length=1)
    desk: str = Field(default="", max_length=20)


def _office(code: str) -> Office:
    office = Office.objects.filter(code=code).first()
    if office is None:
        raise NotFound(E.NOT_FOUND, _("No such office."))
    return office


def _ticket_out(ticket: Ticket) -> dict[str, Any]:
    return {
        "token": ticket.token,
        "code": ticket.code,
        "office": ticket.office.code,
        "service": ticket.service,
        "day": ticket.day,
        "status": ticket.status,
        "desk": ticket.desk,
        "called_at": ticket.called_at,
        "url": absolute_url(services.ticket_path(ticket)),
    }


@router.get(
    "/slots",
    auth=None,
    operation_id="counter_slots_public",
    summary="Days one can book at an office's counter, with the numbers left per service",
    response={200: SlotsOut, 404: ErrorOut},
)
def counter_slots_public(request, office: str):
    found = _office(office[:13])
    settings_row = selectors.counter_settings(found)
    return {
        "office": found.code,
        "opens": settings_row.opens.strftime("%H:%M"),
        "closes": settings_row.closes.strftime("%H:%M"),
        "days": [{"day": d.day, "remaining": d.remaining} for d in selectors.bookable_days(found)],
    }


@router.post(
    "/bookings",
    auth=None,
    operation_id="counter_booking_create",
    summary="Book a number at the counter (send an Idempotency-Key header)",
    response={200: TicketOut, 201: TicketOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def counter_booking_create(request, payload: BookingIn):
    user = None
    if request.headers.get("Authorization"):
        # A token is optional; one that is sent must be valid (as on every other operation).
        user = TokenAuth()(request)
        if user is None:
            raise AuthenticationError()
    ticket, created = services.ticket_book(
        office=_office(payload.office),
        service=payload.service,
        day=payload.day,
        name=payload.name,
        contact=payload.contact,
        user=user,
        source=Source.API,
        idempotency_key=request.headers.get("Idempotency-Key", ""),
    )
    return Status(201 if created else 200, _ticket_out(ticket))


@router.get(
    "/bookings/{token}",
    auth=None,
    operation_id="counter_booking_get",
    summary="A ticket by its token: its number, day and whether it was called",
    response={200: TicketOut, 404: ErrorOut},
)
def counter_booking_get(request, token: str):
    ticket = selectors.ticket_by_token(token)
    if ticket is None:
        raise NotFound(E.NOT_FOUND, _("No such ticket."))
    return _ticket_out(ticket)


@router.post(
    "/queue/call",
    operation_id="counter_queue_call",
    summary="Staff call the next waiting number of today (of one service if given)",
    response={200: TicketOut, 400: ErrorOut, 403: ErrorOut, 409: ErrorOut},
)
def counter_queue_call(request, payload: CallIn):
    ticket = services.queue_call_next(
        actor=request.auth,
        service=payload.service,
        desk=payload.desk,
        ip_address=client_ip(request),
    )
    return _ticket_out(ticket)
