"""Choices of the training app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class WaveStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Announced")
    REGISTRATION_OPEN = "registration_open", _("Registration open")
    REGISTRATION_CLOSED = "registration_closed", _("Registration closed")
    SELECTED = "selected", _("Participants selected")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SELECTED = "selected", _("Selected")
    WAITING = "waiting", _("On the waiting list")
    CONFIRMED = "confirmed", _("Place confirmed")
    LAPSED = "lapsed", _("Not confirmed in time")
    NOT_SELECTED = "not_selected", _("Not selected")
    COMPLETED = "completed", _("Completed")
    DROPPED_OUT = "dropped_out", _("Dropped out")


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    BLENDED = "blended", _("Blended (in person and online)")


class ProviderKind(models.TextChoices):
    BLK = "blk", _("The office's BLK (job training centre)")
    PARTNER = "partner", _("A partner training provider")


class SelectionMethod(models.TextChoices):
    FCFS = "fcfs", _("First come, first served")
    SCORE = "score", _("Highest score (ties by registration time)")
    LOTTERY = "lottery", _("Public lottery")


class Rule(models.TextChoices):
    """Eligibility rules an office may switch on for a programme (``eligibility``)."""

    AGE = "age", _("Age range")
    DOMICILE = "domicile", _("Lives in the office's kabupaten/kota")
    EDUCATION = "education", _("Minimum education")
    ACTIVE_CARD = "active_card", _("An active AK/1 card")
    NOT_IN_EDUCATION = "not_in_education", _("Not in formal education")
    NOT_OFFICIAL = (
        "not_official",
        _(
            "Not a civil servant, TNI, Polri, DPRD member, village official or BUMN/BUMD board member"
        ),
    )
    REPEAT = "repeat", _("At most one programme of the same kind in the last years")


class PriorityGroup(models.TextChoices):
    PHK = "phk", _("Laid-off worker with a PHK letter")
    DISABILITY = "disability", _("Person with a disability")
    OFFICE = "office", _("A group the office names")
