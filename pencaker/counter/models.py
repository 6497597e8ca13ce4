"""The counter queue: an office's counter hours and capacities, and the tickets.

A ticket is one visit to the counter on one day for one service. States::

    waiting ──call──▶ called ──serve──▶ served
       │                 └──grace time passes / staff mark──▶ no_show
       └──the day ends without a call──▶ no_show

``DailyCount`` is the row locked while a ticket is issued: it holds how many numbers of a
service were given out on a day, so the capacity check and the ticket number come from
one locked row and two parallel bookings can never pass the limit together.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pencaker.core.models import StatusChange
from pencaker.counter.choices import Service, Source, TicketStatus

DEFAULT_CAPACITY = 20
DEFAULT_GRACE_MINUTES = 10
DEFAULT_BOOKING_DAYS = 10


class CounterSettings(models.Model):
    """An office's counter: opening hours, how long a called number waits, how far ahead
    citizens may book. Missing row: the defaults (see ``selectors.counter_settings``)."""

    office = models.OneToOneField(
        "offices.Office", on_delete=models.CASCADE, related_name="counter_settings"
    )
    opens = models.TimeField(_("counter opens"), default=dt.time(8, 0))
    closes = models.TimeField(_("counter closes"), default=dt.time(15, 0))
    grace_minutes = models.PositiveSmallIntegerField(
        _("minutes a called number waits"), default=DEFAULT_GRACE_MINUTES
    )
    booking_days = models.PositiveSmallIntegerField(
        _("working days ahead a citizen may book"), default=DEFAULT_BOOKING_DAYS
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")), name="counter_settings_hours_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.office_id}: {self.opens}-{self.closes}"


class ServiceCapacity(models.Model):
    """Numbers a service gives out per day at an office (default ``DEFAULT_CAPACITY``)."""

    office = models.ForeignKey(
        "offices.Office", on_delete=models.CASCADE, related_name="counter_capacities"
    )
    service = models.CharField(max_length=1, choices=Service.choices)
    daily_capacity = models.PositiveSmallIntegerField(default=DEFAULT_CAPACITY)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["office", "service"], name="counter_capacity_one_per_service"
            )
        ]

    def __str__(self) -> str:
        return f"{self.office_id} {self.service}: {self.daily_capacity}"


class DailyCount(models.Model):
    office = models.ForeignKey("offices.Office", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    service = models.CharField(max_length=1, choices=Service.choices)
    issued = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["office", "day", "service"], name="counter_daily_count_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.office_id} {self.day} {self.service}: {self.issued}"


class Ticket(models.Model):
    office = models.ForeignKey("offices.Office", on_delete=models.PROTECT, related_name="+")
    day = models.DateField(_("day"))
    service = models.CharField(_("service"), max_length=1, choices=Service.choices)
    number = models.PositiveIntegerField(_("number"))
    status = models.CharField(
        max_length=10, choices=TicketStatus.choices, default=TicketStatus.WAITING
    )
    source = models.CharField(max_length=10, choices=Source.choices)
    name = models.CharField(_("name"), max_length=120, blank=True)
    # An E.164 mobile number or an email address (the ticket is sent there); may be empty
    # for a walk-in who only wants the number on the kiosk screen.
    contact = models.CharField(_("phone or email"), max_length=254, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The citizen's handle on the ticket (``counter_booking_get``): unguessable.
    token = models.CharField(max_length=40, unique=True)
    idempotency_key = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    called_at = models.DateTimeField(null=True, blank=True)
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    desk = models.CharField(_("counter"), max_length=20, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["office", "day", "service", "number"], name="counter_ticket_number_unique"
            ),
            models.UniqueConstraint(
                fields=["office", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="counter_ticket_idempotency_unique",
            ),
        ]
        indexes = [models.Index(fields=["office", "day", "status"])]

    def __str__(self) -> str:
        return f"{self.code} {self.day}"

    @property
    def code(self) -> str:
        """The number people read and hear: the service letter and three digits, A-012."""
        return f"{self.service}-{self.number:03d}"


class TicketStatusChange(StatusChange):
    subject_field = "ticket"

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="history")
