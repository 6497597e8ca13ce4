"""Training programmes (pelatihan) an office runs, their waves (gelombang) and the
registrations to them.

A **programme** is the course itself (what, who teaches it, how, the benefits, the
eligibility rules the office chose). States (``workflow.PROGRAMME_ALLOWED``)::

    draft ─▶ published ─▶ cancelled
      └────────────────────▲

A **wave** is one intake of a programme with its own registration window, capacity,
priority places, selection method and sessions. States (``workflow.WAVE_ALLOWED``)::

    draft ─▶ published ─▶ registration_open ─▶ registration_closed ─▶ selected ─▶ running ─▶ completed
      │          │                │                     │                 │           │
      └──────────┴────────────────┴─────────────────────┴─────────────────┴───────────┴─▶ cancelled

Closing registration freezes the eligible registrants under pseudonymous ids and (for a
lottery) publishes the commitment to the seed; the draw reveals the seed and fixes the
order (see docs/adr/0028-training-programmes-and-lottery.md).

A **registration** moves registered → selected | waiting (at the draw) or withdrawn (before
the window closes); selected → confirmed | lapsed (did not confirm in time); waiting →
selected (replaced in) | not_selected (when the wave starts); confirmed → completed |
dropped_out.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pencaker.core.models import AppendOnlyModel, StatusChange
from pencaker.seekers.choices import EducationLevel
from pencaker.training.choices import (
    Mode,
    PriorityGroup,
    ProgrammeStatus,
    ProviderKind,
    RegistrationStatus,
    SelectionMethod,
    WaveStatus,
)


def default_rules() -> list[str]:
    return ["age", "domicile", "active_card"]


class Programme(models.Model):
    office = models.ForeignKey("offices.Office", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, default="")
    #: An SKKNI unit code (e.g. ``C.10MTK00.001.1``) and/or a free text of the competence.
    competence_code = models.CharField(_("SKKNI unit code"), max_length=40, blank=True, default="")
    competence_text = models.CharField(_("competence"), max_length=300, blank=True, default="")
    #: Programmes of the same kind count together for the "same kind in N years" rule.
    kind = models.CharField(_("kind of programme"), max_length=80, blank=True, default="")
    provider_kind = models.CharField(
        _("provider"), max_length=10, choices=ProviderKind.choices, default=ProviderKind.BLK
    )
    provider_name = models.CharField(_("provider name"), max_length=200)
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    place = models.CharField(_("place"), max_length=300, blank=True, default="")
    has_certificate = models.BooleanField(_("certificate on completion"), default=True)
    has_allowance = models.BooleanField(_("allowance paid"), default=False)
    benefits = models.TextField(_("other benefits"), blank=True, default="")
    required_documents = models.JSONField(_("required documents"), default=list, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True, default="")
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True, default="")
    contact_email = models.EmailField(_("contact email"), blank=True, default="")

    #: Eligibility: which rules apply (``choices.Rule`` values) and their parameters.
    rules = models.JSONField(_("eligibility rules"), default=default_rules, blank=True)
    age_min = models.PositiveSmallIntegerField(_("minimum age"), default=18)
    age_max = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    min_education = models.CharField(
        _("minimum education"), max_length=3, choices=EducationLevel.choices, blank=True
    )
    repeat_years = models.PositiveSmallIntegerField(_("years between programmes"), default=2)
    #: Priority groups (``choices.PriorityGroup`` values) for the wave's priority places.
    priority_groups = models.JSONField(_("priority groups"), default=list, blank=True)
    priority_office_label = models.CharField(
        _("group the office names"), max_length=150, blank=True, default=""
    )
    asks_motivation = models.BooleanField(_("asks for a motivation statement"), default=False)
    asks_score = models.BooleanField(_("records a basic test score"), default=False)

    status = models.CharField(
        max_length=12, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in ProgrammeStatus]),
                name="training_programme_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(age_max__isnull=True)
                | models.Q(age_max__gte=models.F("age_min")),
                name="training_programme_age_range",
            ),
        ]
        indexes = [models.Index(fields=["office", "status"])]

    def __str__(self) -> str:
        return self.title


class ProgrammeStatusChange(StatusChange):
    subject_field = "programme"
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="history")


class Wave(models.Model):
    """One gelombang of a programme."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="waves")
    number = models.PositiveSmallIntegerField(_("wave number"))
    opens_at = models.DateTimeField(_("registration opens"))
    closes_at = models.DateTimeField(_("registration closes"))
    starts_on = models.DateField(_("training starts"), null=True, blank=True)
    ends_on = models.DateField(_("training ends"), null=True, blank=True)
    quota = models.PositiveIntegerField(_("places"))
    priority_quota = models.PositiveIntegerField(_("priority places"), default=0)
    method = models.CharField(
        _("selection method"),
        max_length=8,
        choices=SelectionMethod.choices,
        default=SelectionMethod.LOTTERY,
    )
    confirm_days = models.PositiveSmallIntegerField(_("days to confirm a place"), default=3)

    status = models.CharField(max_length=20, choices=WaveStatus.choices, default=WaveStatus.DRAFT)
    #: The lottery: the seed is secret until the draw; its SHA-256 is public from the close.
    seed_hex = models.CharField(max_length=64, blank=True, default="")
    commitment = models.CharField(max_length=64, blank=True, default="")
    closed_at = models.DateTimeField(null=True, blank=True)
    drawn_at = models.DateTimeField(null=True, blank=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: The published draw record (``undian.json``), frozen at the draw.
    draw_record = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["programme_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="training_wave_number"),
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in WaveStatus]),
                name="training_wave_status_known",
            ),
            models.CheckConstraint(condition=models.Q(quota__gte=1), name="training_wave_quota"),
            models.CheckConstraint(
                condition=models.Q(priority_quota__lte=models.F("quota")),
                name="training_wave_priority_quota",
            ),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="training_wave_window",
            ),
        ]
        indexes = [models.Index(fields=["status", "closes_at"])]

    def __str__(self) -> str:
        return f"{self.programme_id} gelombang {self.number}"


class WaveStatusChange(StatusChange):
    subject_field = "wave"
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="history")


class TrainingSession(models.Model):
    """One meeting of a wave (the unit of attendance)."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    place = models.CharField(_("place or link"), max_length=300, blank=True, default="")
    topic = models.CharField(_("topic"), max_length=200, blank=True, default="")

    class Meta:
        ordering = ["date", "start_time", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="training_session_times",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.wave_id} {self.date} {self.start_time}"


class Registration(models.Model):
    wave = models.ForeignKey(Wave, on_delete=models.PROTECT, related_name="registrations")
    seeker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="training_registrations"
    )
    #: The pseudonymous id published in the draw record (random, unique in the wave).
    public_id = models.CharField(max_length=16)
    status = models.CharField(
        max_length=14, choices=RegistrationStatus.choices, default=RegistrationStatus.REGISTERED
    )
    priority = models.BooleanField(default=False)
    priority_group = models.CharField(
        max_length=12, choices=PriorityGroup.choices, blank=True, default=""
    )
    #: Evidence of a PHK priority: one of the seeker's uploaded documents.
    priority_document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    motivation = models.TextField(blank=True, default="")
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    #: Each rule's result when the seeker registered (``eligibility.RuleResult`` dicts).
    eligibility = models.JSONField(default=list, blank=True)
    #: The self-declaration (not in formal education / not an official), with its time.
    declaration = models.TextField(blank=True, default="")
    declared_at = models.DateTimeField(null=True, blank=True)
    idempotency_key = models.CharField(max_length=100, blank=True, default="")
    registered_at = models.DateTimeField(auto_now_add=True)
    #: Position in the selection order (1-based) and when a place was offered.
    rank = models.PositiveIntegerField(null=True, blank=True)
    selected_at = models.DateTimeField(null=True, blank=True)
    confirm_by = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["registered_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["wave", "seeker"], name="training_registration_once"),
            models.UniqueConstraint(fields=["wave", "public_id"], name="training_public_id"),
            models.UniqueConstraint(
                fields=["seeker", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="training_registration_idempotency_key",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in RegistrationStatus]),
                name="training_registration_status_known",
            ),
        ]
        indexes = [models.Index(fields=["wave", "status", "rank"])]

    def __str__(self) -> str:
        return f"{self.public_id} → wave {self.wave_id} ({self.status})"


class RegistrationStatusChange(StatusChange):
    subject_field = "registration"
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="history")


class Replacement(AppendOnlyModel):
    """A selected registrant who did not confirm in time, replaced by the next on the
    waiting list (public on the draw page)."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="replacements")
    lapsed = models.ForeignKey(Registration, on_delete=models.PROTECT, related_name="+")
    replaced_by = models.ForeignKey(
        Registration, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["lapsed"], name="training_replacement_once"),
        ]


# The models of running a wave (attendance, certificates, allowances, follow-up).
from pencaker.training.models_running import *  # noqa: E402, F403
