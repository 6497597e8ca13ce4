"""Choices of the counter queue: the services a ticket is for, its states, where it came from."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Service(models.TextChoices):
    """What a visitor comes to the counter for; the value is the ticket's letter."""

    REGISTRATION = "A", _("Assisted registration")
    REPORT = "B", _("6-monthly report")
    CORRECTION = "C", _("Data correction")
    QUESTION = "D", _("Question")


class TicketStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    CALLED = "called", _("Called")
    SERVED = "served", _("Served")
    NO_SHOW = "no_show", _("Did not come")


class Source(models.TextChoices):
    ONLINE = "online", _("Booked online")
    KIOSK = "kiosk", _("Kiosk (walk-in)")
    API = "api", _("API")
