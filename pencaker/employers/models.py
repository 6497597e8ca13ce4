"""Employers: organisations (pemberi kerja), their people, documents and verification.

States of an organisation (see ``workflow.ALLOWED``)::

    draft ─▶ submitted ─▶ verified | rejected | needs_changes
                 ▲                                  │
                 └────────── resubmit ──────────────┘

An organisation is created as ``draft`` and moved to ``submitted`` in the same transaction
(so it has at least one history row). The office of the address (the kabupaten/kota of the
village) verifies it; while ``needs_changes`` the employer corrects the data and sends it
again. Only a ``verified`` organisation carries the badge, checks cards in bulk and (in
the vacancies app) may publish vacancies: ``Organisation.is_verified``.

SLA: ``due_at`` is ``sla.SLA_WORKING_DAYS`` working days after the last submission in the
office calendar.

People: every employer account belongs to exactly one organisation (``Membership.user`` is
one-to-one); the first is the owner, who invites and removes colleagues.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pencaker.core.models import AppendOnlyModel, StatusChange
from pencaker.employers.choices import (
    MemberRole,
    OrganisationType,
    RejectReason,
    ReturnField,
    SizeBand,
    Status,
)


class KbliLevel(models.TextChoices):
    SECTION = "section", _("Section")
    DIVISION = "division", _("Division")
    GROUP = "group", _("Group")
    CLASS = "class", _("Class")
    SUBCLASS = "subclass", _("Subclass")


class KbliSector(models.Model):
    """One entry of KBLI 2020 (Klasifikasi Baku Lapangan Usaha Indonesia, Perka BPS 2/2020):
    a section letter (``C``) or a 2-5 digit code (``10``, ``107``, ``1071``, ``10710``).
    A demo subset is shipped; ``import_kbli PATH`` loads the full list."""

    code = models.CharField(max_length=5, primary_key=True)
    title = models.CharField(max_length=300)
    level = models.CharField(max_length=10, choices=KbliLevel.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Organisation(models.Model):
    legal_name = models.CharField(_("legal name"), max_length=200)
    type = models.CharField(_("type"), max_length=12, choices=OrganisationType.choices)
    nib = models.CharField(_("NIB"), max_length=13, blank=True, default="")
    npwp = models.CharField(_("NPWP"), max_length=16, blank=True, default="")
    sector = models.ForeignKey(
        KbliSector, on_delete=models.PROTECT, related_name="+", verbose_name=_("sector (KBLI)")
    )
    address_line = models.CharField(_("street and number"), max_length=200)
    village = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("village")
    )
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True, default="")
    office = models.ForeignKey(
        "offices.Office", on_delete=models.PROTECT, related_name="organisations"
    )
    contact_name = models.CharField(_("contact person"), max_length=150)
    phone = models.CharField(_("phone"), max_length=20)
    email = models.EmailField(_("email"))
    size_band = models.CharField(_("number of workers"), max_length=10, choices=SizeBand.choices)
    website = models.URLField(_("website"), blank=True, default="")

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    reject_reason = models.CharField(
        max_length=20, choices=RejectReason.choices, blank=True, default=""
    )
    decision_note = models.TextField(blank=True, default="")

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["legal_name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(nib="") | ~models.Q(npwp=""),
                name="organisation_nib_or_npwp",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in Status]),
                name="organisation_status_known",
            ),
            # A business registers once; a rejected registration does not block a new one.
            models.UniqueConstraint(
                fields=["nib"],
                condition=~models.Q(nib="") & ~models.Q(status="rejected"),
                name="organisation_nib_unique",
            ),
            models.UniqueConstraint(
                fields=["npwp"],
                condition=~models.Q(npwp="") & ~models.Q(status="rejected"),
                name="organisation_npwp_unique",
            ),
        ]
        indexes = [models.Index(fields=["office", "status", "due_at"])]

    def __str__(self) -> str:
        return self.legal_name

    @property
    def is_verified(self) -> bool:
        return self.status == Status.VERIFIED


class OrganisationStatusChange(StatusChange):
    """One row per transition of an organisation (core's status history)."""

    subject_field = "organisation"
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)


class OrganisationReturnItem(AppendOnlyModel):
    """One part of the registration the office sent back, with what to fix."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="return_items"
    )
    status_change = models.ForeignKey(
        OrganisationStatusChange, on_delete=models.CASCADE, related_name="return_items"
    )
    field = models.CharField(max_length=20, choices=ReturnField.choices)
    text = models.TextField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["status_change", "field"], name="organisation_return_item_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.field}"


class OrganisationDocument(AppendOnlyModel):
    """A supporting document (NIB printout, deed, letter), checked by content like every
    upload (``documents.checks``). Versions are kept; the newest is the current one."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="documents"
    )
    file = models.FileField(max_length=200)
    sha256 = models.CharField(max_length=64)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    original_filename = models.CharField(max_length=120, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.original_filename or self.pk}"


class Membership(models.Model):
    """An employer account in its organisation. One account, one organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employer_membership"
    )
    role = models.CharField(max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation_id", "-role", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(role="owner", removed_at__isnull=True),
                name="organisation_one_owner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.organisation_id} ({self.role})"

    @property
    def is_owner(self) -> bool:
        return self.role == MemberRole.OWNER

    @property
    def is_active(self) -> bool:
        return self.removed_at is None
