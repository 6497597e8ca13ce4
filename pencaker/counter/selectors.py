"""Reads of the counter queue: an office's settings, the days one can book, the queue,
the display and the day's figures."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from pencaker.core.calendar import WorkingCalendar
from pencaker.counter.choices import Service, TicketStatus
from pencaker.counter.models import (
    DEFAULT_CAPACITY,
    CounterSettings,
    DailyCount,
    ServiceCapacity,
    Ticket,
)
from pencaker.offices.models import Office
from pencaker.offices.selectors import office_calendar

DISPLAY_ROWS = 8


def counter_settings(office: Office) -> CounterSettings:
    """The office's counter settings; an unsaved row with the defaults if it has none."""
    return CounterSettings.objects.filter(office=office).first() or CounterSettings(office=office)


def counter_capacities(office: Office) -> dict[str, int]:
    """Numbers per day for every service, the office's own figure or the default."""
    own = dict(
        ServiceCapacity.objects.filter(office=office).values_list("service", "daily_capacity")
    )
    return {service.value: own.get(service.value, DEFAULT_CAPACITY) for service in Service}


def counter_calendar(office: Office) -> WorkingCalendar:
    """The office's working-day calendar with the counter's own opening hours."""
    base = office_calendar(office)
    settings_row = counter_settings(office)
    return WorkingCalendar(
        work_start=settings_row.opens,
        work_end=settings_row.closes,
        tz=base.tz,
        closures=base.closures,
        weekend=base.weekend,
        country=base.country,
    )


@dataclass(frozen=True)
class BookableDay:
    day: dt.date
    remaining: dict[str, int]  # service letter -> numbers left

    @property
    def counts(self) -> list[int]:
        """The numbers left in the order of ``Service``."""
        return [self.remaining[service.value] for service in Service]


def bookable_days(office: Office, *, now: dt.datetime | None = None) -> list[BookableDay]:
    """The working days a citizen may book, from today (while the counter is still open)
    up to the office's limit, with the numbers left per service."""
    now = now or timezone.now()
    calendar = counter_calendar(office)
    limit = counter_settings(office).booking_days
    capacities = counter_capacities(office)
    day = calendar.local_date(now)
    if not calendar.is_working_day(day) or now >= calendar.closing(day):
        day = calendar.next_working_day(day + dt.timedelta(days=1))
    days = []
    for _ in range(limit):
        days.append(day)
        day = calendar.next_working_day(day + dt.timedelta(days=1))
    issued: dict[tuple[dt.date, str], int] = {
        (row.day, row.service): row.issued
        for row in DailyCount.objects.filter(office=office, day__in=days)
    }
    return [
        BookableDay(
            day=d,
            remaining={s: max(capacities[s] - issued.get((d, s), 0), 0) for s in capacities},
        )
        for d in days
    ]


def ticket_by_token(token: str) -> Ticket | None:
    if not token or len(token) > 40:
        return None
    return Ticket.objects.select_related("office").filter(token=token).first()


def queue_for_office(office: Office, day: dt.date) -> list[Ticket]:
    """The day's tickets that are waiting or called, in calling order."""
    return list(
        Ticket.objects.filter(
            office=office, day=day, status__in=[TicketStatus.WAITING, TicketStatus.CALLED]
        ).order_by("status", "number", "service")
    )


def called_for_display(office: Office, day: dt.date) -> list[Ticket]:
    """The numbers called most recently (newest first) for the waiting-room screen."""
    return list(
        Ticket.objects.filter(office=office, day=day, called_at__isnull=False)
        .exclude(status=TicketStatus.NO_SHOW)
        .order_by("-called_at")[:DISPLAY_ROWS]
    )


def _waiting_minutes(ticket: Ticket, calendar: WorkingCalendar) -> float:
    """From when the visitor could be in the queue (the ticket, or the counter's opening for
    a ticket booked before the day) to the call."""
    assert ticket.called_at is not None
    start = max(ticket.created_at, calendar.opening(ticket.day))
    return max((ticket.called_at - start).total_seconds() / 60, 0.0)


@dataclass(frozen=True)
class DayFigures:
    day: dt.date
    issued: int
    served: int
    no_shows: int
    waiting: int
    median_wait_minutes: float | None


def figures_by_day(office: Office, start: dt.date, end: dt.date) -> list[DayFigures]:
    """Per day with tickets between ``start`` and ``end`` (both included)."""
    calendar = counter_calendar(office)
    rows = (
        Ticket.objects.filter(office=office, day__gte=start, day__lte=end)
        .values("day")
        .annotate(
            issued=Count("id"),
            served=Count("id", filter=Q(status=TicketStatus.SERVED)),
            no_shows=Count("id", filter=Q(status=TicketStatus.NO_SHOW)),
            waiting=Count("id", filter=Q(status=TicketStatus.WAITING)),
        )
        .order_by("day")
    )
    waits: dict[dt.date, list[float]] = {}
    for ticket in Ticket.objects.filter(
        office=office, day__gte=start, day__lte=end, called_at__isnull=False
    ).exclude(status=TicketStatus.NO_SHOW):
        waits.setdefault(ticket.day, []).append(_waiting_minutes(ticket, calendar))
    return [
        DayFigures(
            day=row["day"],
            issued=row["issued"],
            served=row["served"],
            no_shows=row["no_shows"],
            waiting=row["waiting"],
            median_wait_minutes=(
                round(statistics.median(waits[row["day"]]), 1) if row["day"] in waits else None
            ),
        )
        for row in rows
    ]


@dataclass(frozen=True)
class PeriodFigures:
    days: int
    issued: int
    served: int
    no_shows: int
    median_wait_minutes: float | None


def figures_for_period(office: Office, start: dt.date, end: dt.date) -> PeriodFigures:
    """The period's totals; the median waiting time over every called visitor."""
    calendar = counter_calendar(office)
    days = figures_by_day(office, start, end)
    waits = [
        _waiting_minutes(ticket, calendar)
        for ticket in Ticket.objects.filter(
            office=office, day__gte=start, day__lte=end, called_at__isnull=False
        ).exclude(status=TicketStatus.NO_SHOW)
    ]
    return PeriodFigures(
        days=len(days),
        issued=sum(d.issued for d in days),
        served=sum(d.served for d in days),
        no_shows=sum(d.no_shows for d in days),
        median_wait_minutes=round(statistics.median(waits), 1) if waits else None,
    )
