"""Records in and out: import batches, the forwarder's cursors and outbox, claim codes."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from pencaker.core.models import AppendOnlyModel


class HolderImport(AppendOnlyModel):
    """One committed holders import (the audit row points here). ``sha256`` is the file's
    digest; ``created``/``unchanged`` the number of rows imported and already present."""

    office = models.ForeignKey("offices.Office", on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(max_length=200, blank=True)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField()
    created = models.PositiveIntegerField()
    unchanged = models.PositiveIntegerField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"import {self.pk} ({self.created} new)"


class ForwardCursor(models.Model):
    """How far the forwarder has queued an office's changes (the export watermark)."""

    office = models.OneToOneField("offices.Office", on_delete=models.CASCADE, related_name="+")
    cursor = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.office_id}: {self.cursor[:40]}"


class ForwardItem(models.Model):
    """One record version waiting for (or delivered to) the central endpoint.

    ``key`` identifies the record version (kind, id and change stamp) and is unique, so
    queueing the same change twice keeps one row; the sender marks a row sent only after
    the endpoint answered 2xx, and takes rows with ``SKIP LOCKED`` so that two workers
    never post the same row.
    """

    class Status(models.TextChoices):
        PENDING = "pending"
        SENT = "sent"

    office = models.ForeignKey("offices.Office", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=20)
    payload = models.JSONField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="forward_due")]

    def __str__(self) -> str:
        return f"{self.key} ({self.status})"


class ClaimCode(models.Model):
    """A one-time code sent to a phone or email an imported holder gave to claim their
    account. Only a hash of the code is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=8)  # email | sms
    address = models.CharField(max_length=254)
    code_hash = models.CharField(max_length=64)
    attempts = models.PositiveSmallIntegerField(default=0)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"claim {self.user_id} via {self.channel}"
