"""Running a wave: attendance, completion, ratings, certificates, allowances, follow-up.

Everything here hangs off a ``Registration`` that reached ``confirmed`` (a participant).
Imported at the bottom of ``models`` so Django registers these models with the app.

**Completion rules** (``CompletionRule``, one per programme, defaults when absent): a
minimum share of sessions attended (80 %) and, when the programme assesses, a passed
assessment. Meeting them moves the registration confirmed → completed; missing them
moves it to dropped_out (so does a participant the staff mark as having left).

**Allowance instalments** (``Instalment``), the payment ledger. States
(``running_workflow.INSTALMENT_ALLOWED``)::

    scheduled ─▶ sent ─▶ confirmed
                   │
                   └─▶ failed ─▶ retried ─▶ sent …

One row per (participant, instalment number), with an idempotency key the gateway
dedupes on: a send repeated after a crash is the same payment, never a second one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pencaker.core.models import AppendOnlyModel, StatusChange

__all__ = [
    "Attendance",
    "Certificate",
    "CompletionRule",
    "FollowUp",
    "GatewayPayment",
    "Instalment",
    "InstalmentStatusChange",
    "Outcome",
]


class AttendanceMethod(models.TextChoices):
    STAFF = "staff", _("Marked by staff")
    QR = "qr", _("Scanned the session's QR code")


class AllowanceBasis(models.TextChoices):
    MONTHLY = "monthly", _("Each month after completion")
    SURVEY = "survey", _("For each follow-up survey answered")


class InstalmentStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    SENT = "sent", _("Sent to the bank")
    CONFIRMED = "confirmed", _("Paid")
    FAILED = "failed", _("Failed")
    RETRIED = "retried", _("Waiting for a new attempt")


class FollowUpKind(models.TextChoices):
    COMPLETION = "completion", _("At completion")
    MONTH_3 = "month_3", _("Three months after")
    MONTH_6 = "month_6", _("Six months after")


class CompletionRule(models.Model):
    """How a programme decides completion and pays its allowance (absent: the defaults)."""

    programme = models.OneToOneField(
        "training.Programme", on_delete=models.CASCADE, related_name="completion_rule"
    )
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"), default=80
    )
    requires_assessment = models.BooleanField(_("a passed assessment is required"), default=True)
    pass_score = models.PositiveSmallIntegerField(_("pass mark (0–100)"), default=60)
    #: The allowance (when ``Programme.has_allowance``): ``instalments`` × ``amount`` rupiah.
    allowance_amount = models.PositiveIntegerField(_("amount per instalment (Rp)"), default=0)
    allowance_instalments = models.PositiveSmallIntegerField(_("number of instalments"), default=0)
    allowance_basis = models.CharField(
        _("allowance paid"),
        max_length=8,
        choices=AllowanceBasis.choices,
        default=AllowanceBasis.MONTHLY,
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_attendance_percent__lte=100),
                name="training_rule_attendance_percent",
            ),
            models.CheckConstraint(
                condition=models.Q(pass_score__lte=100), name="training_rule_pass_score"
            ),
        ]

    def __str__(self) -> str:
        return f"rule of programme {self.programme_id}"


class Attendance(models.Model):
    registration = models.ForeignKey(
        "training.Registration", on_delete=models.CASCADE, related_name="attendance"
    )
    session = models.ForeignKey(
        "training.TrainingSession", on_delete=models.CASCADE, related_name="attendance"
    )
    present = models.BooleanField(default=True)
    method = models.CharField(max_length=5, choices=AttendanceMethod.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"], name="training_attendance_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} at {self.session_id}: {self.present}"


class Outcome(models.Model):
    """The assessment and the completion decision of one participant."""

    registration = models.OneToOneField(
        "training.Registration", on_delete=models.CASCADE, related_name="outcome"
    )
    assessment_score = models.PositiveSmallIntegerField(null=True, blank=True)
    attendance_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    #: Why the participant dropped out (staff note), or the rule that was missed.
    reason = models.CharField(max_length=300, blank=True, default="")
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    rating_comment = models.TextField(blank=True, default="")
    rated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True)
                | (models.Q(rating__gte=1) & models.Q(rating__lte=5)),
                name="training_outcome_rating_range",
            ),
            models.CheckConstraint(
                condition=models.Q(assessment_score__isnull=True)
                | models.Q(assessment_score__lte=100),
                name="training_outcome_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"outcome of {self.registration_id}"


class Certificate(AppendOnlyModel):
    """A signed PDF certificate of completion (one per participant)."""

    registration = models.OneToOneField(
        "training.Registration", on_delete=models.PROTECT, related_name="certificate"
    )
    number = models.CharField(max_length=40, unique=True)
    holder_name = models.CharField(max_length=150)
    issued_on = models.DateField()
    #: The CWT/COSE token in the QR code (base64url).
    token = models.TextField()
    pdf = models.BinaryField()
    #: The entry written to the seeker's training section (``seekers.Training``).
    seeker_training_id = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-id"]


class Instalment(models.Model):
    registration = models.ForeignKey(
        "training.Registration", on_delete=models.PROTECT, related_name="instalments"
    )
    number = models.PositiveSmallIntegerField()
    amount = models.PositiveIntegerField()
    due_on = models.DateField()
    #: An allowance paid per survey: the survey that earns it (not payable before).
    follow_up = models.OneToOneField(
        "training.FollowUp", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=InstalmentStatus.choices, default=InstalmentStatus.SCHEDULED
    )
    #: Sent to the gateway with every attempt: the gateway pays a key at most once.
    idempotency_key = models.CharField(max_length=80, unique=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    gateway_reference = models.CharField(max_length=80, blank=True, default="")
    last_error = models.CharField(max_length=300, blank=True, default="")
    sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["registration_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "number"], name="training_instalment_once"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in InstalmentStatus]),
                name="training_instalment_status_known",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return f"{self.registration_id} #{self.number} ({self.status})"


class InstalmentStatusChange(StatusChange):
    subject_field = "instalment"
    instalment = models.ForeignKey(Instalment, on_delete=models.CASCADE, related_name="history")


class GatewayPayment(AppendOnlyModel):
    """What the logging gateway has paid, keyed as a real gateway keys its transfers."""

    idempotency_key = models.CharField(max_length=80, unique=True)
    reference = models.CharField(max_length=80, unique=True)
    amount = models.PositiveIntegerField()
    recipient = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)


class FollowUp(models.Model):
    """One follow-up survey of a participant (working? using the skill?)."""

    registration = models.ForeignKey(
        "training.Registration", on_delete=models.CASCADE, related_name="follow_ups"
    )
    kind = models.CharField(max_length=10, choices=FollowUpKind.choices)
    due_on = models.DateField()
    sent_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    working = models.BooleanField(null=True, blank=True)
    using_skill = models.BooleanField(null=True, blank=True)
    comment = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "kind"], name="training_follow_up_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} {self.kind}"
