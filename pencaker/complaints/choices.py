"""Choice lists of complaints (pengaduan); values are stable codes, labels translated."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Category(models.TextChoices):
    PROCEDURE = "procedure", _("Procedure")
    REQUIREMENTS = "requirements", _("Requirements")
    PROCESSING_TIME = "processing_time", _("Processing time")
    FEES = "fees", _("Fees / illegal levies (pungli)")
    STAFF_BEHAVIOUR = "staff_behaviour", _("Staff behaviour")
    FACILITIES = "facilities", _("Facilities")
    WEBSITE = "website", _("Website / system")
    CARD_DATA = "card_data", _("Card data error")
    VACANCIES = "vacancies", _("Vacancies / employers")
    TRAINING = "training", _("Training")
    OTHER = "other", _("Other")


class Channel(models.TextChoices):
    WEB = "web", _("Web form")
    COUNTER = "counter", _("Counter")
    PHONE = "phone", _("Phone")
    WHATSAPP = "whatsapp", _("WhatsApp")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("Email")
    SOCIAL_MEDIA = "social_media", _("Social media")


#: Channels staff record at the counter (the web form is the citizen's own).
STAFF_CHANNELS = tuple(c for c in Channel if c != Channel.WEB)


class Privacy(models.TextChoices):
    ANONYMOUS = "anonymous", _("Anonymous (no name is stored)")
    CONFIDENTIAL = "confidential", _("Confidential (only the complaints officer sees my name)")


class ContactChannel(models.TextChoices):
    NONE = "", _("No messages")
    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")


class Status(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("complaint status", "Received")
    VERIFIED = "verified", pgettext_lazy("complaint status", "Verified")
    DECLINED = "declined", pgettext_lazy("complaint status", "Declined")
    ASSIGNED = "assigned", pgettext_lazy("complaint status", "Being handled")
    ANSWERED = "answered", pgettext_lazy("complaint status", "Answered")
    CLOSED = "closed", pgettext_lazy("complaint status", "Closed")
    REOPENED = "reopened", pgettext_lazy("complaint status", "Reopened")
    ESCALATED = "escalated", pgettext_lazy("complaint status", "Escalated to the head of office")


#: Statuses whose answer deadline runs (verification is due while received).
OPEN_STATUSES = (
    Status.RECEIVED,
    Status.VERIFIED,
    Status.ASSIGNED,
    Status.REOPENED,
    Status.ESCALATED,
)


class DeclineReason(models.TextChoices):
    REFERRED = "referred", _("Not this office's authority (referred to another agency)")
    NOT_A_COMPLAINT = "not_a_complaint", _("Not a complaint")
    DUPLICATE = "duplicate", _("Duplicate of an earlier complaint")


class Tier(models.TextChoices):
    """Answer deadlines as offices' published service standards commonly set them."""

    LIGHT = "light", _("Light")
    NORMATIVE = "normative", _("Normative")
    OTHER = "other", _("Other")
    INVESTIGATION = "investigation", _("Needs an investigation")


#: Working days per tier when an office has set nothing else.
DEFAULT_TIER_DAYS = {
    Tier.LIGHT: 2,
    Tier.NORMATIVE: 5,
    Tier.OTHER: 14,
    Tier.INVESTIGATION: 60,
}
