"""Choices of the events app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    JOB_FAIR = "job_fair", _("Job fair (bursa kerja)")
    WALK_IN = "walk_in", _("Walk-in interview day")
    SOCIALISATION = "socialisation", _("Socialisation session")
    TRAINING_INFO = "training_info", _("Training information day")


class EventStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    ATTENDED = "attended", _("Attended")
    CANCELLED = "cancelled", _("Cancelled")


#: Registrations that hold a seat (count against the quota).
SEATED = (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED)
#: Registrations that are still active (one per seeker and event).
ACTIVE = (*SEATED, RegistrationStatus.WAITLISTED)
