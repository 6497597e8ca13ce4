"""AK/1 applications (permohonan kartu AK/1) and their append-only history.

States (see ``workflow.ALLOWED``)::

    draft ─▶ submitted ─▶ in_review ─▶ approved | rejected | needs_changes
                 ▲            │                                 │
                 └─ release ──┘          needs_changes ─▶ submitted (resubmit)
    submitted | needs_changes ─▶ withdrawn

An application is created as ``draft`` and moved to ``submitted`` in the same transaction,
so every application has at least one history row. On submission (and on resubmission)
the profile and the current document versions are frozen into ``snapshot`` and
``documents``: the operator reviews exactly what was sent, whatever the applicant edits
afterwards.

SLA: ``due_at`` is ``Office.sla_working_days`` working days after ``submitted_at`` in the
office calendar; while the application waits on the applicant (``needs_changes``) the
clock stops (``sla_pauses``), and on resubmission ``due_at`` is moved by the paused time.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pencaker.applications.choices import (
    OPEN_STATUSES,
    ApplicationType,
    RejectReason,
    Status,
)
from pencaker.core.models import AppendOnlyModel as AppendOnly
from pencaker.core.models import StatusChange
from pencaker.offices.choices import DefaultReturnReason


class Application(models.Model):
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ak1_applications"
    )
    office = models.ForeignKey(
        "offices.Office", on_delete=models.PROTECT, related_name="ak1_applications"
    )
    type = models.CharField(_("type of request"), max_length=20, choices=ApplicationType.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    tracking_number = models.CharField(_("tracking number"), max_length=20, unique=True)
    # Client-supplied key (Idempotency-Key header or a hidden form field): the same key from
    # the same applicant always answers with the same application.
    idempotency_key = models.CharField(max_length=100, blank=True, default="")

    snapshot = models.JSONField(default=dict, blank=True)
    documents = models.JSONField(default=list, blank=True)

    submitted_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # [{"start": ISO datetime, "end": ISO datetime or null}] — times the clock was stopped.
    sla_pauses = models.JSONField(default=list, blank=True)

    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claimed_ak1_applications",
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reject_reason = models.CharField(
        max_length=20, choices=RejectReason.choices, blank=True, default=""
    )
    decision_note = models.TextField(blank=True, default="")
    # Set when an operator filed the request at the counter for the citizen.
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["applicant"],
                condition=models.Q(status__in=[s.value for s in OPEN_STATUSES]),
                name="application_one_open_per_person",
            ),
            models.UniqueConstraint(
                fields=["applicant", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="application_idempotency_key_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in Status]),
                name="application_status_known",
            ),
        ]
        indexes = [models.Index(fields=["office", "status", "due_at"])]

    def __str__(self) -> str:
        return self.tracking_number

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ApplicationStatusChange(StatusChange):
    """One row per transition of an application (core's status history)."""

    subject_field = "application"
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, choices=Status.choices)
    to_status = models.CharField(max_length=20, choices=Status.choices)


class ReturnItem(AppendOnly):
    """One item the operator sent back for changes, with the reason, in one return."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="return_items"
    )
    status_change = models.ForeignKey(
        ApplicationStatusChange, on_delete=models.CASCADE, related_name="return_items"
    )
    # A checklist item code: a profile section ("identity", "address", …) or
    # "document:<kind>" ("document:photo").
    item = models.CharField(max_length=40)
    # A code of the office's ``ReturnReason`` list; the label is frozen with it, so a later
    # edit of the list does not change what the applicant was told.
    reason = models.CharField(max_length=20)
    reason_label = models.CharField(max_length=200, blank=True, default="")
    text = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["status_change", "item", "reason"], name="return_item_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.reason}"

    @property
    def reason_display(self) -> str:
        if self.reason_label:
            return self.reason_label
        if self.reason in DefaultReturnReason.values:
            return str(DefaultReturnReason(self.reason).label)
        return self.reason
