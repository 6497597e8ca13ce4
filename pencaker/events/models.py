"""Events of the office (acara): job fairs, walk-in interview days, socialisation sessions
and training information days.

A registration moves (see ``workflow.REGISTRATION_ALLOWED``)::

    waitlisted ─▶ registered ─▶ attended
        │             │
        └──▶ cancelled ◀┘

A seeker registers once per event (an active registration is unique per seeker and event;
the same call again returns it). While seats are left (``quota``; 0 = no limit) the
registration is ``registered`` with a ticket; otherwise it joins the waiting list, and
when a seated registration is cancelled the first on the list (lowest ``id``) moves up.
The event row is locked for every change of its registrations, so the quota holds under
parallel registrations. Staff check tickets at the door (``attended``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pencaker.core.models import StatusChange
from pencaker.events.choices import EventKind, EventStatus, RegistrationStatus


class Event(models.Model):
    office = models.ForeignKey("offices.Office", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True, default="")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=300, blank=True, default="")
    online_link = models.URLField(_("online link"), max_length=300, blank=True, default="")
    quota = models.PositiveIntegerField(_("quota"), default=0, help_text=_("0 = no limit"))
    status = models.CharField(
        max_length=12, choices=EventStatus.choices, default=EventStatus.PUBLISHED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")), name="event_ends_after"
            ),
            models.CheckConstraint(
                condition=~models.Q(place="") | ~models.Q(online_link=""),
                name="event_place_or_link",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class EventEmployer(models.Model):
    """A verified employer taking part, with the vacancies it brings."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="employers")
    organisation = models.ForeignKey(
        "employers.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    vacancies = models.ManyToManyField("vacancies.Vacancy", blank=True, related_name="+")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "organisation"], name="event_employer_unique")
        ]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.organisation_id}"


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations")
    seeker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="event_registrations"
    )
    status = models.CharField(max_length=12, choices=RegistrationStatus.choices)
    #: What staff type at the door (printed under the QR code), e.g. ``K7QM-3XPD``.
    ticket_code = models.CharField(max_length=9, unique=True)
    idempotency_key = models.CharField(max_length=100, blank=True, default="")
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "seeker"],
                condition=models.Q(status__in=["registered", "waitlisted", "attended"]),
                name="event_registration_one_active",
            ),
            models.UniqueConstraint(
                fields=["seeker", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="event_registration_idempotency_key",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in RegistrationStatus]),
                name="event_registration_status_known",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self) -> str:
        return f"{self.seeker_id} → {self.event_id} ({self.status})"

    @property
    def has_ticket(self) -> bool:
        return self.status in (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED)


class RegistrationStatusChange(StatusChange):
    subject_field = "registration"
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="history")


class FairHire(models.Model):
    """An employer's report that it hired an attendee at the event. It goes through the
    vacancies app's hire report (the holder confirms, the placement is recorded by
    lifecycle), so the placement is made the one existing way."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="hires")
    organisation = models.ForeignKey(
        "employers.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    registration = models.ForeignKey(Registration, on_delete=models.PROTECT, related_name="+")
    hire_report = models.OneToOneField(
        "vacancies.HireReport", on_delete=models.PROTECT, related_name="+"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"hire at {self.event_id}: {self.registration_id}"
