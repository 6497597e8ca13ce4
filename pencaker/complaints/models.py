"""Complaints (pengaduan) about the office's service, and their per-office deadlines.

States (see ``workflow.ALLOWED``)::

    received ─▶ verified ─▶ assigned ─▶ answered ─▶ closed
       │           │           ▲  │         │
       ▼           │           │  │         ▼
    declined       │      reopened (once) ◀─┘
                   ▼           │
    (any open state) ─▶ escalated (to the head of office) ─▶ assigned | answered

A complaint is verified within ``verify_days`` working days of the office calendar, then
answered within the working days of the tier the officer gives it (one extension with a
reason the complainant sees). The daily job escalates an overdue complaint and closes an
answered one the complainant left unanswered for ``close_after_days`` days.

Who complained: an anonymous complaint stores no name; a confidential one stores the name,
which only the complaints officer sees. The contact (email or mobile number), given only to
receive messages, is treated like the name: the officer's view and the outbox, nowhere else.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from pencaker.complaints.choices import (
    OPEN_STATUSES,
    Category,
    Channel,
    ContactChannel,
    DeclineReason,
    Privacy,
    Status,
    Tier,
)
from pencaker.core.models import AppendOnlyModel, StatusChange


class ComplaintSettings(models.Model):
    """An office's complaint deadlines (working days); defaults when it has no row."""

    office = models.OneToOneField(
        "offices.Office", on_delete=models.CASCADE, related_name="complaint_settings"
    )
    verify_days = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    light_days = models.PositiveSmallIntegerField(
        default=2, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    normative_days = models.PositiveSmallIntegerField(
        default=5, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    other_days = models.PositiveSmallIntegerField(
        default=14, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    investigation_days = models.PositiveSmallIntegerField(
        default=60, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    #: Calendar days after the answer without a reply before the complaint closes.
    close_after_days = models.PositiveSmallIntegerField(
        default=10, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )

    def __str__(self) -> str:
        return f"complaint settings of {self.office_id}"

    def tier_days(self, tier: str) -> int:
        return int(getattr(self, f"{tier}_days"))


class Complaint(models.Model):
    office = models.ForeignKey("offices.Office", on_delete=models.PROTECT, related_name="+")
    tracking_number = models.CharField(max_length=24, unique=True)
    #: The status link's secret is an HMAC of the number and this nonce (``services``).
    secret_nonce = models.CharField(max_length=32)
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.WEB)
    category = models.CharField(max_length=20, choices=Category.choices)
    privacy = models.CharField(max_length=20, choices=Privacy.choices)
    # Identity and contact: only for the complaints officer (see the module docstring).
    name = models.CharField(max_length=150, blank=True)
    contact_channel = models.CharField(
        max_length=10, choices=ContactChannel.choices, blank=True, default=""
    )
    contact = models.CharField(max_length=254, blank=True)
    text = models.TextField()
    #: The AK/1 request the complaint is about (from its status page).
    application = models.ForeignKey(
        "applications.Application",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: The card holder a card data error concerns (the signed-in complainant or the
    #: applicant of the attached request); never shown outside the officer's view.
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: The staff member the complaint is about: never assigned it, never shown it.
    named_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    received_at = models.DateTimeField()
    verify_due_at = models.DateTimeField()
    verified_at = models.DateTimeField(null=True, blank=True)
    tier = models.CharField(max_length=20, choices=Tier.choices, blank=True)
    answer_due_at = models.DateTimeField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    decline_reason = models.CharField(max_length=20, choices=DeclineReason.choices, blank=True)
    #: The agency a referred complaint goes to, or the duplicate's explanation.
    decline_note = models.CharField(max_length=300, blank=True)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_unit = models.CharField(max_length=150, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.TextField(blank=True)
    action_taken = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    #: Whether the answer counted as within its deadline (fixed at the first answer).
    answered_on_time = models.BooleanField(null=True, blank=True)
    #: Working days from receipt to the first answer (the statistics' median).
    answer_working_days = models.FloatField(null=True, blank=True)
    publishable = models.BooleanField(default=False)
    published_answer = models.TextField(blank=True)
    reopen_count = models.PositiveSmallIntegerField(default=0)
    reopen_reason = models.TextField(blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    rating_comment = models.TextField(blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    #: The data-change AK/1 request opened for a card data error.
    data_change_application = models.ForeignKey(
        "applications.Application",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: SHA-256 of the Idempotency-Key and of the request it came with.
    idempotency_key_hash = models.CharField(max_length=64, blank=True)
    request_fingerprint = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["idempotency_key_hash"],
                condition=~models.Q(idempotency_key_hash=""),
                name="complaint_one_per_idempotency_key",
            ),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=4),
                name="complaint_rating_1_to_4",
            ),
            models.CheckConstraint(
                condition=~models.Q(privacy="anonymous") | models.Q(name=""),
                name="complaint_anonymous_has_no_name",
            ),
        ]
        indexes = [models.Index(fields=["office", "status"])]

    def __str__(self) -> str:
        return self.tracking_number

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ComplaintStatusChange(StatusChange):
    subject_field = "complaint"

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, blank=True, choices=Status.choices)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    #: What the complainant reads on the status page for this step (no staff names).
    public_note = models.TextField(blank=True)

    class Meta(StatusChange.Meta):
        pass


class ComplaintAttachment(AppendOnlyModel):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(max_length=200)
    sha256 = models.CharField(max_length=64)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    original_filename = models.CharField(max_length=120, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_filename or self.file.name or ""
