"""Choice lists for the job-seeker profile (values are stable codes; labels are translated)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class MaritalStatus(models.TextChoices):
    SINGLE = "single", _("Not married")
    MARRIED = "married", _("Married")
    DIVORCED = "divorced", _("Divorced")
    WIDOWED = "widowed", _("Widowed")


class Religion(models.TextChoices):
    """The six religions recognised on the KTP, plus belief in God Almighty (MK 97/2016)."""

    ISLAM = "islam", _("Islam")
    PROTESTANT = "protestant", _("Christian (Protestant)")
    CATHOLIC = "catholic", _("Catholic")
    HINDU = "hindu", _("Hindu")
    BUDDHIST = "buddhist", _("Buddhist")
    CONFUCIAN = "confucian", _("Confucian (Khonghucu)")
    KEPERCAYAAN = "kepercayaan", _("Kepercayaan terhadap Tuhan YME")


class EducationLevel(models.TextChoices):
    """Ordered from lowest to highest; the order is used to find the highest level."""

    SD = "SD", _("SD (primary school)")
    SMP = "SMP", _("SMP (junior high school)")
    SMA = "SMA", _("SMA (senior high school)")
    SMK = "SMK", _("SMK (vocational high school)")
    D1 = "D1", _("D1 (diploma 1)")
    D2 = "D2", _("D2 (diploma 2)")
    D3 = "D3", _("D3 (diploma 3)")
    D4 = "D4", _("D4 (applied bachelor)")
    S1 = "S1", _("S1 (bachelor)")
    S2 = "S2", _("S2 (master)")
    S3 = "S3", _("S3 (doctorate)")


class LanguageLevel(models.TextChoices):
    BASIC = "basic", _("Basic")
    INTERMEDIATE = "intermediate", _("Intermediate")
    FLUENT = "fluent", _("Fluent")
    NATIVE = "native", _("Native speaker")


class Section(models.TextChoices):
    """Profile sections: each has its own edit page and its own history rows."""

    IDENTITY = "identity", _("Identity")
    ADDRESS = "address", _("Address")
    CONTACT = "contact", _("Contact")
    EDUCATION = "education", _("Education")
    TRAINING = "training", _("Training and certificates")
    EXPERIENCE = "experience", _("Work experience")
    SKILLS = "skills", _("Skills")
    LANGUAGES = "languages", _("Languages")
    PREFERENCES = "preferences", _("Job preferences")
    DISABILITY = "disability", _("Disability information")
