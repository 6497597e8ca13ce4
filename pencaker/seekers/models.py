"""The job-seeker profile (pencari kerja) and its parts.

The profile is filled section by section and may be half-filled at any time, so every
field is optional at the database level; ``selectors.profile_completeness`` says what is
still missing. The NIK is unique across people when set (a partial unique constraint, so
many profiles can still have none).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pencaker.core.models import AppendOnlyModel as AppendOnly
from pencaker.seekers.choices import (
    EducationLevel,
    LanguageLevel,
    MaritalStatus,
    Religion,
    Section,
    Sex,
)

MIN_YEAR = 1940
MAX_YEAR = 2100
MIN_BIRTH_DATE = dt.date(1900, 1, 1)


class JobSeekerProfile(models.Model):
    """One per job-seeker account.

    ``office`` is the Dinas that holds the record: its staff see the profile and the
    documents (ADR 0015). It is set from the first address (the village's regency code,
    ``16.71`` of ``16.71.01.1001``, matching ``Office.code``) and stays null while no
    office serves the address. A later move to another office's area does not change it:
    it opens an ``OfficeTransfer`` that the receiving office decides. It is never derived
    from the NIK prefix (that is where the NIK was first issued).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seeker_profile"
    )
    office = models.ForeignKey(
        "offices.Office",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="seeker_profiles",
    )

    # Identity (as on the KTP)
    nik = models.CharField(_("NIK"), max_length=16, blank=True, default="")
    full_name = models.CharField(_("name as on the KTP"), max_length=150, blank=True)
    birth_place = models.CharField(_("place of birth"), max_length=100, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    marital_status = models.CharField(
        _("marital status"), max_length=10, choices=MaritalStatus.choices, blank=True
    )
    religion = models.CharField(_("religion"), max_length=12, choices=Religion.choices, blank=True)

    # Address (where the person lives now)
    address_line = models.CharField(_("street and house number"), max_length=200, blank=True)
    rt = models.CharField(_("RT"), max_length=3, blank=True)
    rw = models.CharField(_("RW"), max_length=3, blank=True)
    village = models.ForeignKey(
        "regions.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("village"),
    )
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)

    # Job preferences
    preferred_occupation = models.CharField(_("desired job"), max_length=150, blank=True)
    preferred_locations = models.CharField(
        _("preferred work locations"), max_length=255, blank=True
    )
    willing_to_relocate = models.BooleanField(_("willing to move to another city"), default=False)
    expected_salary = models.PositiveIntegerField(
        _("expected monthly salary (Rp)"), null=True, blank=True
    )

    # Optional, for inclusive placement (UU 8/2016 on persons with disabilities)
    has_disability = models.BooleanField(_("I have a disability"), null=True, blank=True)
    disability_details = models.TextField(_("disability details"), blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("job seeker profile")
        constraints = [
            models.UniqueConstraint(
                fields=["nik"], condition=~models.Q(nik=""), name="seeker_nik_unique_when_set"
            ),
            models.CheckConstraint(
                condition=models.Q(birth_date__isnull=True)
                | models.Q(birth_date__gte=MIN_BIRTH_DATE),
                name="seeker_birth_date_plausible",
            ),
            models.CheckConstraint(
                condition=models.Q(expected_salary__isnull=True) | models.Q(expected_salary__gte=0),
                name="seeker_expected_salary_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["office", "full_name"])]

    def __str__(self) -> str:
        return self.full_name or str(self.user)


class Education(models.Model):
    profile = models.ForeignKey(
        JobSeekerProfile, on_delete=models.CASCADE, related_name="education"
    )
    level = models.CharField(_("level"), max_length=3, choices=EducationLevel.choices)
    institution = models.CharField(_("school or institution"), max_length=200)
    major = models.CharField(_("major"), max_length=150, blank=True)
    graduation_year = models.PositiveSmallIntegerField(_("graduation year"))

    class Meta:
        ordering = ["-graduation_year", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(graduation_year__gte=MIN_YEAR)
                & models.Q(graduation_year__lte=MAX_YEAR),
                name="education_year_plausible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.level} {self.institution} ({self.graduation_year})"


class Training(models.Model):
    """A course, training programme or competence certificate."""

    profile = models.ForeignKey(JobSeekerProfile, on_delete=models.CASCADE, related_name="training")
    name = models.CharField(_("training or certificate name"), max_length=200)
    organizer = models.CharField(_("organizer or issuer"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    certificate_number = models.CharField(_("certificate number"), max_length=100, blank=True)

    class Meta:
        ordering = ["-year", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=MIN_YEAR) & models.Q(year__lte=MAX_YEAR),
                name="training_year_plausible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class WorkExperience(models.Model):
    profile = models.ForeignKey(
        JobSeekerProfile, on_delete=models.CASCADE, related_name="experience"
    )
    employer = models.CharField(_("employer"), max_length=200)
    position = models.CharField(_("position"), max_length=150)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    description = models.TextField(_("what you did"), blank=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="experience_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(start_date__gte=MIN_BIRTH_DATE),
                name="experience_start_plausible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position} — {self.employer}"


class Skill(models.Model):
    profile = models.ForeignKey(JobSeekerProfile, on_delete=models.CASCADE, related_name="skills")
    name = models.CharField(_("skill"), max_length=100)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "name"], name="skill_unique_per_profile"),
        ]

    def __str__(self) -> str:
        return self.name


class LanguageSkill(models.Model):
    profile = models.ForeignKey(
        JobSeekerProfile, on_delete=models.CASCADE, related_name="languages"
    )
    language = models.CharField(_("language"), max_length=60)
    level = models.CharField(_("level"), max_length=12, choices=LanguageLevel.choices)

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "language"], name="language_unique_per_profile"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.language} ({self.level})"


class ProfileChange(AppendOnly):
    """Append-only history of a profile: who changed which section when.

    ``changes`` maps a field name to ``[old, new]`` (values as JSON: dates as ISO text,
    foreign keys as their code or id); for list sections (education, …) ``action`` says
    whether an entry was added, changed or removed.
    """

    class Action(models.TextChoices):
        UPDATED = "updated", _("changed")
        ADDED = "added", _("added")
        REMOVED = "removed", _("removed")

    profile = models.ForeignKey(JobSeekerProfile, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    section = models.CharField(max_length=20, choices=Section.choices)
    action = models.CharField(max_length=10, choices=Action.choices, default=Action.UPDATED)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.section} {self.action}"


class NikConflict(AppendOnly):
    """A second account tried to use a NIK already on another profile.

    Nothing of the attempt is saved on the profile; this row lets staff of the office of
    the existing holder (``office``) and of the person trying (``attempted_office``) see it.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    nik = models.CharField(max_length=16, db_index=True)
    attempted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    existing_profile = models.ForeignKey(
        JobSeekerProfile, on_delete=models.CASCADE, related_name="nik_conflicts"
    )
    office = models.ForeignKey(
        "offices.Office", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attempted_office = models.ForeignKey(
        "offices.Office", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} NIK {self.nik}"


class OfficeTransfer(models.Model):
    """A move of the record from the office that holds it to the office of a new address.

    Opened when the person saves an address in another office's area; decided by an admin
    dinas of the receiving office (``accepted``: ``JobSeekerProfile.office`` becomes
    ``to_office``; ``declined``: it stays), or ``cancelled`` when the person moves back or
    further (then a new one is opened). At most one is pending per profile.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the receiving office")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    profile = models.ForeignKey(
        JobSeekerProfile, on_delete=models.CASCADE, related_name="office_transfers"
    )
    from_office = models.ForeignKey("offices.Office", on_delete=models.PROTECT, related_name="+")
    to_office = models.ForeignKey("offices.Office", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile"],
                condition=models.Q(status="pending"),
                name="office_transfer_one_pending",
            ),
            models.CheckConstraint(
                condition=~models.Q(from_office=models.F("to_office")),
                name="office_transfer_between_two_offices",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.profile_id}: {self.from_office_id} → {self.to_office_id} ({self.status})"
