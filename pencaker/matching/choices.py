"""Choices of the matching app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TermKind(models.TextChoices):
    SKILL = "skill", _("Skill")
    CERTIFICATE = "certificate", _("Certificate or licence")


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the job seeker")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
