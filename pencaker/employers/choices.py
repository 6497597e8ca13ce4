"""Choice lists for employers (values are stable codes; labels are translated)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    PT = "pt", _("Limited company (PT)")
    CV = "cv", _("Limited partnership (CV)")
    KOPERASI = "koperasi", _("Cooperative (koperasi)")
    YAYASAN = "yayasan", _("Foundation (yayasan)")
    GOVERNMENT = "government", _("Government agency (instansi pemerintah)")
    SOLE = "sole", _("Individual or micro/small business (perorangan/UMKM)")


class SizeBand(models.TextChoices):
    """Workforce bands of PP 7/2021 (micro, small, medium, large) by people employed."""

    MICRO = "1_4", _("1–4 people")
    SMALL = "5_19", _("5–19 people")
    MEDIUM = "20_99", _("20–99 people")
    LARGE = "100_plus", _("100 people or more")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for verification by the office")
    NEEDS_CHANGES = "needs_changes", _("Returned to you for changes")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


class MemberRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    MEMBER = "member", _("Member")


class ReturnField(models.TextChoices):
    """What the office can send back for changes (one reason text each)."""

    LEGAL_NAME = "legal_name", _("Legal name")
    IDENTIFIERS = "identifiers", _("NIB / NPWP")
    SECTOR = "sector", _("Business sector (KBLI)")
    ADDRESS = "address", _("Address")
    CONTACT = "contact", _("Contact person, phone and email")
    DOCUMENT = "document", _("Supporting document")
    OTHER = "other", _("Other")


class RejectReason(models.TextChoices):
    NOT_FOUND = "not_found", _("The business could not be confirmed (NIB/NPWP unknown)")
    FRAUDULENT = "fraudulent", _("The document is false or belongs to another business")
    DUPLICATE = "duplicate", _("This organisation is already registered")
    WRONG_OFFICE = "wrong_office", _("The address is outside this office's area")
    OTHER = "other", _("Other (see the note)")
