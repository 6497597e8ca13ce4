from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models


class AppendOnlyModel(models.Model):
    """Rows of history and logs: written once, never changed or deleted through the ORM.

    (Bulk queryset updates bypass this; services never use them on these tables.)
    """

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError(f"{type(self).__name__} rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError(f"{type(self).__name__} rows are append-only")


class StatusChange(AppendOnlyModel):
    """The history of a workflow's status: one row per transition, who moved the subject
    from which status to which, when, with an optional note.

    A concrete history adds the foreign key to its subject (named by ``subject_field``,
    with ``related_name="history"``) and may redeclare ``from_status``/``to_status`` with
    its own choices and length.
    """

    subject_field: ClassVar[str] = ""

    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True, default="")

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self) -> str:
        subject_id = getattr(self, f"{self.subject_field}_id", None)
        return f"{subject_id}: {self.from_status or '-'} → {self.to_status}"


class AuditEvent(AppendOnlyModel):
    """Append-only record of a state change or a sensitive read.

    Written by services (never by signals) inside the same transaction as the change it
    records, so the change and its audit row commit or roll back together.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    office = models.ForeignKey(
        "offices.Office", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=80, db_index=True)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"
