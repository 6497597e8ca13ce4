"""Events API, mounted at /api/v1/events.

Public (no token): ``event_list_public``, ``event_get_public``. Job seeker:
``event_register`` (send an ``Idempotency-Key`` header: a retry returns the first
registration; 201 when it was made, 200 when it already existed; ``status`` says whether it
holds a seat or waits). Staff (token of the event's office): ``event_checkin`` with the
ticket code, the token or the scanned link.

Errors answer ``{"code", "message", "details"}``; field errors are ``details.fields``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from ninja import Router, Schema, Status

from pencaker.accounts.api_auth import TokenAuth
from pencaker.core.audit import client_ip
from pencaker.core.links import absolute_url
from pencaker.events import selectors, services, tickets
from pencaker.events.models import Event, Registration

router = Router(tags=["events"], auth=TokenAuth())
PAGE_SIZE = 50
MAX_PAGE = 10_000


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, Any] = {}


class EmployerOut(Schema):
    organisation: str
    vacancies: list[int]


class EventOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    description: str
    office: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    online_link: str
    quota: int
    seats_taken: int
    waiting: int
    is_open: bool
    employers: list[EmployerOut] = []
    url: str


class RegistrationOut(Schema):
    id: int
    event: int
    status: str
    ticket_code: str | None
    checkin_link: str | None
    ticket_url: str


class CheckinIn(Schema):
    code: str


class CheckinOut(Schema):
    registration: int
    name: str
    ticket_code: str
    already_checked_in: bool
    checked_in_at: dt.datetime | None
    attended: int


def _event_out(event: Event, *, with_employers: bool = False) -> EventOut:
    employers = []
    if with_employers:
        employers = [
            EmployerOut(
                organisation=row.organisation.legal_name,
                vacancies=[v.pk for v in row.vacancies.all()],
            )
            for row in event.employers.all()
        ]
    return EventOut(
        id=event.pk,
        kind=event.kind,
        kind_label=str(event.get_kind_display()),
        title=event.title,
        description=event.description,
        office=event.office.name,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        place=event.place,
        online_link=event.online_link,
        quota=event.quota,
        seats_taken=getattr(event, "seats_taken", 0),
        waiting=getattr(event, "waiting", 0),
        is_open=services.is_open(event),
        employers=employers,
        url=absolute_url(reverse("events:detail", args=[event.pk])),
    )


def _registration_out(registration: Registration) -> RegistrationOut:
    seated = registration.has_ticket
    return RegistrationOut(
        id=registration.pk,
        event=registration.event_id,
        status=registration.status,
        ticket_code=registration.ticket_code if seated else None,
        checkin_link=tickets.checkin_url(registration) if seated else None,
        ticket_url=absolute_url(reverse("events:ticket", args=[registration.pk])),
    )


@router.get(
    "/",
    auth=None,
    operation_id="event_list_public",
    summary="Published events that have not ended, soonest first",
    response={200: list[EventOut]},
)
def event_list_public(request, kind: str = "", page: int = 1):
    rows = selectors.event_list_public(kind=kind[:16])
    start = (max(1, min(page, MAX_PAGE)) - 1) * PAGE_SIZE  # no OFFSET past 2**63
    return [_event_out(e) for e in rows[start : start + PAGE_SIZE]]


@router.get(
    "/{int:event_id}",
    auth=None,
    operation_id="event_get_public",
    summary="One published event with its employers and their vacancies",
    response={200: EventOut, 404: ErrorOut},
)
def event_get_public(request, event_id: int):
    event = selectors.event_get_public(event_id)
    if event is None:
        raise services.event_not_found()
    return _event_out(event, with_employers=True)


@router.post(
    "/{int:event_id}/registrations",
    operation_id="event_register",
    summary="Register for an event (a seat or the waiting list; send an Idempotency-Key)",
    response={
        200: RegistrationOut,
        201: RegistrationOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
    },
)
def event_register(request, event_id: int):
    registration, created = services.event_register(
        actor=request.auth,
        event_id=event_id,
        idempotency_key=request.headers.get("Idempotency-Key", ""),
        ip_address=client_ip(request),
    )
    return Status(201 if created else 200, _registration_out(registration))


@router.post(
    "/{int:event_id}/checkin",
    operation_id="event_checkin",
    summary="Check a ticket at the door (staff of the event's office)",
    response={200: CheckinOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def event_checkin(request, event_id: int, payload: CheckinIn):
    result = services.event_checkin(
        actor=request.auth, event_id=event_id, code=payload.code, ip_address=client_ip(request)
    )
    registration = result.registration
    return CheckinOut(
        registration=registration.pk,
        name=getattr(registration.seeker, "full_name", "") or "",
        ticket_code=registration.ticket_code,
        already_checked_in=result.already,
        checked_in_at=registration.checked_in_at,
        attended=Registration.objects.filter(event_id=event_id, status="attended").count(),
    )
