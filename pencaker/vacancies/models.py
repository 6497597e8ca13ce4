"""Vacancies (lowongan) of verified employers and the applications (lamaran) to them.

States of a vacancy (see ``workflow.VACANCY_ALLOWED``)::

    draft ─▶ submitted ─▶ published ─▶ closed (filled | expired | withdrawn)
      ▲          │
      └─ return ─┘  (with reasons per field)

The office of the organisation reviews a submitted vacancy: it publishes it or returns it
to draft with what to fix. Only a verified organisation submits and has vacancies
published. A published vacancy expires after its closing date (the daily job) and closes as
filled when every opening is hired.

An application moves received → shortlisted → interview → offered → hired | not selected;
the seeker may withdraw it while it is open. The employer sees a frozen snapshot of the
profile taken when the seeker applied (``VacancyApplication.snapshot``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pencaker.core.models import AppendOnlyModel, StatusChange
from pencaker.seekers.choices import EducationLevel
from pencaker.vacancies.choices import (
    ApplicationStatus,
    ApplyMethod,
    CloseReason,
    EmploymentType,
    HireReportStatus,
    ReturnField,
    SexLimit,
    Status,
)


class KbjiOccupation(models.Model):
    """One entry of KBJI 2014 (Klasifikasi Baku Jabatan Indonesia): a major group (1
    digit) down to a unit group or occupation (4-6 digits). A demo subset is shipped;
    ``import_kbji PATH`` loads the full list."""

    code = models.CharField(max_length=8, primary_key=True)
    title = models.CharField(max_length=300)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def major_group(self) -> str:
        return self.code[:1]


class Vacancy(models.Model):
    organisation = models.ForeignKey(
        "employers.Organisation", on_delete=models.PROTECT, related_name="vacancies"
    )
    office = models.ForeignKey("offices.Office", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("job title"), max_length=150)
    description = models.TextField(_("description"), blank=True, default="")
    occupation = models.ForeignKey(
        KbjiOccupation, on_delete=models.PROTECT, related_name="+", verbose_name=_("occupation")
    )
    #: The first digit of the occupation's code (the KBJI major group), for the filter.
    occupation_group = models.CharField(max_length=1, db_index=True, editable=False)
    sector = models.ForeignKey(
        "employers.KbliSector",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sector (KBLI)"),
    )
    openings = models.PositiveSmallIntegerField(_("openings"), default=1)
    min_education = models.CharField(
        _("minimum education"), max_length=3, choices=EducationLevel.choices, blank=True
    )
    majors = models.JSONField(_("majors"), default=list, blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)
    min_experience_years = models.PositiveSmallIntegerField(_("years of experience"), default=0)
    location = models.ForeignKey(
        "regions.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kabupaten/kota"),
    )
    is_remote = models.BooleanField(_("remote"), default=False)
    employment_type = models.CharField(
        _("employment type"), max_length=12, choices=EmploymentType.choices
    )
    salary_min = models.PositiveIntegerField(_("salary from (Rp/month)"), null=True, blank=True)
    salary_max = models.PositiveIntegerField(_("salary up to (Rp/month)"), null=True, blank=True)
    salary_by_agreement = models.BooleanField(_("salary by agreement"), default=False)
    hours = models.CharField(_("working hours"), max_length=150, blank=True, default="")
    benefits = models.TextField(_("benefits"), blank=True, default="")
    disability_friendly = models.BooleanField(_("disability-friendly"), default=False)
    accommodations = models.TextField(_("accommodations"), blank=True, default="")
    closing_date = models.DateField(_("closing date"))
    apply_method = models.CharField(
        _("how to apply"), max_length=10, choices=ApplyMethod.choices, default=ApplyMethod.PENCAKER
    )
    apply_address = models.CharField(_("address or link"), max_length=300, blank=True, default="")
    ak1_required = models.BooleanField(_("AK/1 card required"), default=False)
    age_min = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    sex_limit = models.CharField(
        _("sex"), max_length=1, choices=SexLimit.choices, blank=True, default=""
    )
    limits_reason = models.TextField(_("job reason for the limits"), blank=True, default="")

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    close_reason = models.CharField(
        max_length=10, choices=CloseReason.choices, blank=True, default=""
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name_plural = "vacancies"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in Status]),
                name="vacancy_status_known",
            ),
            models.CheckConstraint(condition=models.Q(openings__gte=1), name="vacancy_openings"),
            models.CheckConstraint(
                condition=models.Q(salary_max__isnull=True)
                | models.Q(salary_min__isnull=True)
                | models.Q(salary_max__gte=models.F("salary_min")),
                name="vacancy_salary_range",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"]),
            models.Index(fields=["status", "closing_date"]),
            models.Index(fields=["status", "location", "min_education"]),
            models.Index(fields=["office", "status", "due_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def has_limits(self) -> bool:
        """Age or sex limits: allowed only with a job reason and flagged for the reviewer."""
        return bool(self.age_min or self.age_max or self.sex_limit)

    @property
    def is_open(self) -> bool:
        return self.status == Status.PUBLISHED


class VacancyStatusChange(StatusChange):
    subject_field = "vacancy"
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Status.choices)


class VacancyReturnItem(AppendOnlyModel):
    """One part of the vacancy the office sent back, with what to fix."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="return_items")
    status_change = models.ForeignKey(
        VacancyStatusChange, on_delete=models.CASCADE, related_name="return_items"
    )
    field = models.CharField(max_length=20, choices=ReturnField.choices)
    text = models.TextField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["status_change", "field"], name="vacancy_return_item_unique"
            )
        ]


class VacancyApplication(models.Model):
    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="vacancy_applications"
    )
    status = models.CharField(
        max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.RECEIVED
    )
    idempotency_key = models.CharField(max_length=100, blank=True, default="")
    #: What the employer sees: the profile as it was when the seeker applied.
    snapshot = models.JSONField(default=dict)
    cover_note = models.TextField(blank=True, default="")
    interview_at = models.DateTimeField(null=True, blank=True)
    interview_place = models.CharField(max_length=300, blank=True, default="")
    hired_start_date = models.DateField(null=True, blank=True)
    hired_position = models.CharField(max_length=150, blank=True, default="")
    placement_id = models.PositiveIntegerField(null=True, blank=True)
    applied_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-applied_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy", "applicant"], name="vacancy_application_one_per_seeker"
            ),
            models.UniqueConstraint(
                fields=["applicant", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="vacancy_application_idempotency_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.applicant_id} → {self.vacancy_id} ({self.status})"


class VacancyApplicationStatusChange(StatusChange):
    subject_field = "application"
    application = models.ForeignKey(
        VacancyApplication, on_delete=models.CASCADE, related_name="history"
    )
    from_status = models.CharField(max_length=12, choices=ApplicationStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=ApplicationStatus.choices)


class EmployerNote(AppendOnlyModel):
    """A note on an applicant, private to the employer's organisation."""

    application = models.ForeignKey(
        VacancyApplication, on_delete=models.CASCADE, related_name="employer_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]


class HireReport(models.Model):
    """A verified employer reports that it hired an AK/1 holder who did not apply through
    Pencaker (card number + birth date). The holder confirms (the placement is recorded,
    source "employer") or declines it from their lifecycle page."""

    organisation = models.ForeignKey(
        "employers.Organisation", on_delete=models.PROTECT, related_name="hire_reports"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="hire_reports"
    )
    card_number = models.CharField(max_length=20)
    position = models.CharField(_("position"), max_length=150)
    start_date = models.DateField(_("start date"))
    employment_type = models.CharField(
        _("employment type"), max_length=12, choices=EmploymentType.choices
    )
    status = models.CharField(
        max_length=10, choices=HireReportStatus.choices, default=HireReportStatus.PENDING
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    placement_id = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "card_number"],
                condition=models.Q(status="pending"),
                name="hire_report_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"hire report {self.pk} {self.card_number} ({self.status})"


class VacancyEvent(AppendOnlyModel):
    """One row per change in the register of vacancies (the IPK vacancy forms), append-only.

    The unit is positions (openings), as the IPK counts "lowongan": a vacancy with 5
    openings registers 5. Kinds:

    - ``registered``: the office published the vacancy (all its openings);
    - ``filled``: positions filled: one per hire through Pencaker, or the openings still
      open when the employer closes the vacancy as filled outside Pencaker;
    - ``removed`` (dihapuskan): the openings still open when the vacancy expires or is
      withdrawn.

    The attributes the forms group by (minimum education, sex asked for, KBJI major group,
    KBLI section) are FROZEN at registration and copied onto the ending events, so every
    group balances; ``placed_sex`` is the hired person's sex (placements by sector).
    ``occurred_on`` is the day the change was applied. See docs/adr/0023-events-and-ipk-vacancies.md.
    """

    class Kind(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        FILLED = "filled", _("Filled")
        REMOVED = "removed", _("Removed")

    office = models.ForeignKey("offices.Office", on_delete=models.PROTECT, related_name="+")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    occurred_on = models.DateField()
    positions = models.PositiveSmallIntegerField()
    education_level = models.CharField(max_length=3, blank=True)
    sex = models.CharField(max_length=1, blank=True)  # M, F or "" (either)
    occupation_group = models.CharField(max_length=1, blank=True)
    sector_section = models.CharField(max_length=1, blank=True)
    placed_sex = models.CharField(max_length=1, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_on", "id"]
        indexes = [
            models.Index(fields=["office", "occurred_on", "kind"], name="vacancy_event_office_day")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["registered", "filled", "removed"]),
                name="vacancy_event_kind_known",
            ),
            models.CheckConstraint(
                condition=models.Q(positions__gte=1), name="vacancy_event_positions"
            ),
            models.CheckConstraint(
                condition=models.Q(sex__in=["M", "F", ""]), name="vacancy_event_sex_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vacancy_id} {self.kind} {self.positions} on {self.occurred_on}"
