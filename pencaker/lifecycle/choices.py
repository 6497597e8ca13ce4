"""Choice lists for the card lifecycle (values are stable codes; labels are translated)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    """What happened to a registration. See ``models.SeekerEvent`` for the counting rule."""

    REGISTERED = "registered", _("Registered")
    REPORTED = "reported", _("Reported")
    RENEWED = "renewed", _("Card renewed")
    PLACED = "placed", _("Started work")
    REMOVED = "removed", _("Removed from the register")
    EXPIRED = "expired", _("Card expired")


# A registration is open after REGISTERED and closed by one of these.
ENDING_KINDS = frozenset({EventKind.PLACED, EventKind.REMOVED, EventKind.EXPIRED})


class AgeGroup(models.TextChoices):
    """The IPK III/1 age groups."""

    A15_19 = "15-19", "15–19"
    A20_29 = "20-29", "20–29"
    A30_44 = "30-44", "30–44"
    A45_54 = "45-54", "45–54"
    A55_PLUS = "55+", "55+"


class PlacementArea(models.TextChoices):
    """IPK III/8: where the job is (antar kerja lokal / antar daerah / antar negara)."""

    AKL = "AKL", _("In the same regency or city (AKL)")
    AKAD = "AKAD", _("In another region of Indonesia (AKAD)")
    AKAN = "AKAN", _("Abroad (AKAN)")


class ReportOutcome(models.TextChoices):
    SEEKING = "seeking", _("I am still looking for work")
    EMPLOYED = "employed", _("I have started work")


class ReportChannel(models.TextChoices):
    ONLINE = "online", _("Online by the holder")
    COUNTER = "counter", _("At the office counter")


class PlacementSource(models.TextChoices):
    HOLDER = "holder", _("Reported by the holder")
    OPERATOR = "operator", _("Recorded by an operator")
    EMPLOYER = "employer", _("Reported by the employer")


class Sector(models.TextChoices):
    """Broad business sectors (KBLI sections, grouped)."""

    AGRICULTURE = "agriculture", _("Agriculture, forestry and fishing")
    MINING = "mining", _("Mining and quarrying")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    CONSTRUCTION = "construction", _("Construction")
    TRADE = "trade", _("Wholesale and retail trade, repairs")
    TRANSPORT = "transport", _("Transport and storage")
    HOSPITALITY = "hospitality", _("Hotels, restaurants and food")
    ICT = "ict", _("Information and communication")
    FINANCE = "finance", _("Finance and insurance")
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health and social work")
    GOVERNMENT = "government", _("Government administration")
    OTHER_SERVICES = "other_services", _("Other services")
    OTHER = "other", _("Other")


class DisputeStatus(models.TextChoices):
    """A holder's dispute of a placement reported by an employer."""

    OPEN = "open", _("Waiting for the office")
    UPHELD = "upheld", _("The office kept the job on the card")
    ANNULLED = "annulled", _("The office removed the job; the card is active again")


class DisputeDecision(models.TextChoices):
    UPHOLD = "uphold", _("Keep the job on the card")
    ANNUL = "annul", _("Remove the job: the card becomes active again")
