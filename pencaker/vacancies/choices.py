"""Choices of the vacancies app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Awaiting review")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class CloseReason(models.TextChoices):
    FILLED = "filled", _("Filled")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class EmploymentType(models.TextChoices):
    PERMANENT = "permanent", _("Permanent (PKWTT)")
    CONTRACT = "contract", _("Fixed-term contract (PKWT)")
    PART_TIME = "part_time", _("Part time")
    INTERNSHIP = "internship", _("Internship / apprenticeship")
    DAILY = "daily", _("Daily / freelance")


class ApplyMethod(models.TextChoices):
    PENCAKER = "pencaker", _("Apply in Pencaker")
    EXTERNAL = "external", _("Apply at an address or link")


class ReturnField(models.TextChoices):
    """Parts of a vacancy the office can send back with what to fix."""

    TITLE = "title", _("Title")
    DESCRIPTION = "description", _("Description")
    OCCUPATION = "occupation", _("Occupation")
    SALARY = "salary", _("Salary")
    REQUIREMENTS = "requirements", _("Requirements")
    LIMITS = "limits", _("Age or sex limits")
    LOCATION = "location", _("Location")
    DISCRIMINATION = "discrimination", _("Discriminatory wording")
    OTHER = "other", _("Other")


class ApplicationStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    INTERVIEW = "interview", _("Interview")
    OFFERED = "offered", _("Offered")
    HIRED = "hired", _("Hired")
    NOT_SELECTED = "not_selected", _("Not selected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class SexLimit(models.TextChoices):
    ANY = "", _("Any")
    MALE = "L", _("Men only")
    FEMALE = "P", _("Women only")


class HireReportStatus(models.TextChoices):
    """An employer's report of a hire made outside Pencaker, waiting for the holder."""

    PENDING = "pending", _("Waiting for the holder to confirm")
    CONFIRMED = "confirmed", _("Confirmed by the holder")
    DECLINED = "declined", _("Declined by the holder")
