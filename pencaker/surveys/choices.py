"""Fixed lists of the survey: channels, invitation reasons and the respondent profile.

The profile follows the regulation's sample questionnaire (gender, age, education,
occupation, service received, date and time of the survey). Age bands are the IPK bands
(Informasi Pasar Kerja) so survey and labour-market reports line up.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from pencaker.surveys.ikm import ELEMENTS


class Channel(models.TextChoices):
    INVITATION = "invitation", _("Invitation link")
    KIOSK = "kiosk", _("Office kiosk")
    PAPER = "paper", _("Paper questionnaire")


class InvitationReason(models.TextChoices):
    CARD_ISSUED = "card_issued", _("Card issued")
    PLACEMENT_REPORTED = "placement_reported", _("Placement reported")
    OTHER_SERVICE = "other_service", _("Other service")


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class AgeBand(models.TextChoices):
    A15_19 = "15-19", _("15–19 years")
    A20_29 = "20-29", _("20–29 years")
    A30_44 = "30-44", _("30–44 years")
    A45_54 = "45-54", _("45–54 years")
    A55_PLUS = "55+", _("55 years or older")


class Education(models.TextChoices):
    SD = "sd", _("Primary school (SD) or lower")
    SMP = "smp", _("Junior high school (SMP)")
    SMA = "sma", _("Senior high school (SMA/SMK)")
    DIPLOMA = "diploma", _("Diploma (D1–D3)")
    S1 = "s1", _("Bachelor (D4/S1)")
    S2 = "s2", _("Master or doctorate (S2/S3)")


class Occupation(models.TextChoices):
    JOB_SEEKER = "job_seeker", _("Looking for work")
    STUDENT = "student", _("Student")
    CIVIL_SERVANT = "civil_servant", _("Civil servant, TNI or Polri")
    PRIVATE = "private", _("Private employee")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    OTHER = "other", _("Other")


class Service(models.TextChoices):
    CARD_NEW = "card_new", _("New job seeker card (AK/1)")
    CARD_RENEWAL = "card_renewal", _("Card renewal or change")
    REPORT = "report", _("6-monthly report or placement report")
    OTHER = "other", _("Other service")


class TimeSlot(models.TextChoices):
    MORNING = "08-12", _("08:00–12:00")
    AFTERNOON = "12-16", _("12:00–16:00")
    OUTSIDE = "other", _("Outside office hours")


ELEMENT_CHOICES = [(e.code, e.label) for e in ELEMENTS]


def age_band_for(age: int) -> str | None:
    if age < 15:
        return None
    for band, low, high in (
        (AgeBand.A15_19, 15, 19),
        (AgeBand.A20_29, 20, 29),
        (AgeBand.A30_44, 30, 44),
        (AgeBand.A45_54, 45, 54),
    ):
        if low <= age <= high:
            return band
    return AgeBand.A55_PLUS


class FollowUpStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
