"""Reads of the events app: the public list, an event with its employers, a seeker's
registrations, the office's events and their figures."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from pencaker.events.choices import ACTIVE, SEATED, EventStatus
from pencaker.events.choices import RegistrationStatus as R
from pencaker.events.models import Event, EventEmployer, Registration


def _with_counts(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.annotate(
        seats_taken=Count("registrations", filter=Q(registrations__status__in=SEATED)),
        waiting=Count("registrations", filter=Q(registrations__status=R.WAITLISTED)),
        attended=Count("registrations", filter=Q(registrations__status=R.ATTENDED)),
    )


def event_list_public(*, kind: str = "") -> QuerySet[Event]:
    """Published events that have not ended, soonest first."""
    events = Event.objects.filter(status=EventStatus.PUBLISHED, ends_at__gt=timezone.now())
    if kind:
        events = events.filter(kind=kind)
    return _with_counts(events.select_related("office")).order_by("starts_at", "id")


def event_get_public(event_id: Any) -> Event | None:
    try:
        pk = int(event_id)
    except (TypeError, ValueError):
        return None
    employers = EventEmployer.objects.select_related("organisation").prefetch_related("vacancies")
    return (
        _with_counts(Event.objects.filter(pk=pk, status=EventStatus.PUBLISHED))
        .select_related("office")
        .prefetch_related(Prefetch("employers", queryset=employers))
        .first()
    )


def registration_of(user: Any, event: Event) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Registration.objects.filter(event=event, seeker=user, status__in=ACTIVE).first()


def registrations_of_seeker(user: Any) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(seeker=user)
        .select_related("event")
        .order_by("-event__starts_at", "-id")
    )


def registration_of_seeker(user: Any, registration_id: Any) -> Registration | None:
    try:
        pk = int(registration_id)
    except (TypeError, ValueError):
        return None
    return Registration.objects.select_related("event").filter(pk=pk, seeker=user).first()


def events_for_office(actor: Any) -> QuerySet[Event]:
    return _with_counts(Event.objects.filter(office_id=actor.office_id)).order_by("-starts_at")


def event_for_staff(actor: Any, event_id: Any) -> Event | None:
    try:
        pk = int(event_id)
    except (TypeError, ValueError):
        return None
    return events_for_office(actor).filter(pk=pk).first()


def attendees(event: Event) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(event=event, status__in=ACTIVE)
        .select_related("seeker")
        .order_by("status", "id")
    )


def events_of_employer(organisation: Any) -> QuerySet[Event]:
    return _with_counts(Event.objects.filter(employers__organisation=organisation)).order_by(
        "-starts_at"
    )
