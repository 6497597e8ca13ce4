"""Uploaded documents of a job seeker, their versions and the staff access log.

A ``Document`` is the slot "KTP of this person"; every upload adds a ``DocumentVersion``
and moves ``Document.current_version`` to it, so older versions stay in the history.
``DocumentAccess`` records every time a staff member opened a version (UU 27/2022: the
person can ask who looked at their data). Versions and accesses are append-only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pencaker.core.models import AppendOnlyModel
from pencaker.documents.choices import DocumentKind


class Document(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=DocumentKind.choices)
    current_version = models.OneToOneField(
        "documents.DocumentVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["owner_id", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "kind"], name="document_one_per_owner_kind"),
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=[
                        "ktp",
                        "photo",
                        "ijazah",
                        "competence_certificate",
                        "work_letter",
                        "kk",
                        "sim",
                        "birth_certificate",
                    ]
                ),
                name="document_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.owner_id}"


class DocumentVersion(AppendOnlyModel):
    """One stored file. ``file`` holds a random name in the default storage; the bytes
    stored are the re-encoded image (metadata stripped) or the PDF as uploaded, and
    ``sha256`` is the hash of exactly those bytes."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.FileField(max_length=200)
    sha256 = models.CharField(max_length=64)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    original_filename = models.CharField(max_length=120, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["document_id", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="document_version_number_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(content_type__in=["image/jpeg", "image/png", "application/pdf"]),
                name="document_version_content_type_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"

    @property
    def extension(self) -> str:
        return {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}[
            self.content_type
        ]

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class DocumentAccess(AppendOnlyModel):
    """A staff member opened a document version (who, when, which version, from where)."""

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="document_accesses"
    )
    version = models.ForeignKey(DocumentVersion, on_delete=models.PROTECT, related_name="accesses")
    office = models.ForeignKey(
        "offices.Office", null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.staff_id} → {self.version_id}"
