"""AK/1 cards, their history, verification log, number counters and QR signing keys.

Card states (see ``workflow.ALLOWED``)::

    active ─▶ placed | expired | removed | revoked | superseded
    placed | expired ─▶ superseded | revoked
    removed ─▶ revoked
    revoked ─▶ superseded       (an objection upheld: restored as a new version)

A card is identified by its ``number``; a report, placement or data change issues a new
``version`` with the same number that supersedes the previous one (the old printed card
stays verifiable and is then answered as "superseded"). Everything printed on the card is
frozen in ``data`` at issue, so a card can be rendered again byte-for-byte in content
whatever the holder edits later.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pencaker.cards.choices import (
    CardStatus,
    RevocationReason,
    RevocationStatus,
    VerificationMethod,
    VerificationOutcome,
)
from pencaker.core.models import AppendOnlyModel as AppendOnly
from pencaker.core.models import StatusChange


class CardNumberCounter(models.Model):
    """The last sequence number used by an office in a year. Numbers are taken under a row
    lock on this row, so two workers never hand out the same number."""

    office = models.ForeignKey("offices.Office", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_sequence = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "year"], name="card_counter_office_year"),
        ]

    def __str__(self) -> str:
        return f"{self.office_id}/{self.year}: {self.last_sequence}"


class Card(models.Model):
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ak1_cards"
    )
    office = models.ForeignKey("offices.Office", on_delete=models.PROTECT, related_name="cards")
    application = models.ForeignKey(
        "applications.Application",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cards",
    )
    number = models.CharField(_("card number"), max_length=20, db_index=True)
    version = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=12, choices=CardStatus.choices, default=CardStatus.ACTIVE)
    issued_on = models.DateField(_("issue date"))
    valid_until = models.DateField(_("valid until"))
    holder_name = models.CharField(max_length=150)
    nik_masked = models.CharField(max_length=16, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    signer_name = models.CharField(max_length=120, blank=True)
    signer_nip = models.CharField(max_length=18, blank=True)
    data = models.JSONField(default=dict, blank=True)
    pdf = models.FileField(max_length=200, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    token = models.TextField(blank=True)
    token_kid = models.CharField(max_length=64, blank=True)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["number", "version"], name="card_number_version"),
            models.UniqueConstraint(
                fields=["number"],
                condition=~models.Q(status=CardStatus.SUPERSEDED),
                name="card_one_current_version",
            ),
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(application__isnull=False),
                name="card_one_per_application",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in CardStatus]),
                name="card_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__gt=models.F("issued_on")),
                name="card_valid_after_issue",
            ),
        ]
        indexes = [models.Index(fields=["office", "status"])]

    def __str__(self) -> str:
        return f"{self.number} v{self.version}"

    @property
    def has_pdf(self) -> bool:
        return bool(self.pdf and self.pdf_sha256)


class CardStatusChange(StatusChange):
    """One row per status change of a card (core's status history); the first row, from
    "", records the issue."""

    subject_field = "card"
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, choices=CardStatus.choices)


class VerificationLog(AppendOnly):
    """Every public check of a card. No personal data: the client address is kept only as
    a keyed hash (enough to rate-limit and to spot abuse), and nothing the visitor typed is
    stored."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    method = models.CharField(max_length=8, choices=VerificationMethod.choices)
    outcome = models.CharField(max_length=20, choices=VerificationOutcome.choices)
    card = models.ForeignKey(
        Card, null=True, blank=True, on_delete=models.SET_NULL, related_name="verifications"
    )
    client_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["client_hash", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.method} {self.outcome}"


class VerificationAllowance(models.Model):
    """How many public checks one client (keyed hash of its address) has used in its
    current window. Taken by one atomic upsert per check (``services.verification``), so
    parallel checks cannot pass the limit (ADR 0017); the log keeps every check."""

    client_hash = models.CharField(max_length=64, unique=True)
    window_start = models.DateTimeField()
    used = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "cards_verificationallowance"  # named in the upsert's SQL

    def __str__(self) -> str:
        return f"{self.client_hash[:8]} {self.used} since {self.window_start:%H:%M}"


class SigningKey(models.Model):
    """A public key that signs QR tokens. The private key never enters the database: it is
    a file under the key folder (``PENCAKER_CARD_KEY_DIR``, default DATA_DIR/card-keys).
    Retired keys stay published so cards they signed still verify."""

    kid = models.CharField(max_length=64, unique=True)
    algorithm = models.CharField(max_length=16, default="EdDSA")
    public_jwk = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.kid


class OfficeSigner(models.Model):
    """A PKCS#12 uploaded by an office's admin dinas on the settings screen (ADR 0032): the
    office's cards are signed with it instead of the installation's configured signer.

    The file and its password are stored encrypted (Fernet, a key derived from SECRET_KEY),
    never in clear; subject, issuer, validity and the certificate's SHA-256 are kept beside
    them for the screen and the audit log.
    """

    office = models.OneToOneField(
        "offices.Office", on_delete=models.CASCADE, related_name="uploaded_signer"
    )
    p12_encrypted = models.BinaryField()
    password_encrypted = models.BinaryField()
    subject = models.CharField(max_length=500)
    issuer = models.CharField(max_length=500)
    valid_from = models.DateTimeField()
    valid_until = models.DateTimeField()
    fingerprint = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.office_id}: {self.subject}"


class CardRevocation(models.Model):
    """An office's revocation of one card version, with four eyes and an objection.

    States (``revocation_workflow.ALLOWED``)::

        requested ─▶ confirmed ─▶ objected ─▶ upheld | rejected
                 └─▶ declined

    An admin dinas of the card's office requests it (``requested_by``), with a reason and
    evidence; a second admin dinas or the pimpinan confirms it (``confirmed_by``, never the
    requester) and only then the card is revoked. The holder may object once; the
    objection is decided (``decided_by``, not the requester either): upheld restores the
    card as a new version, rejected leaves it revoked.
    """

    card = models.ForeignKey(Card, on_delete=models.PROTECT, related_name="revocations")
    office = models.ForeignKey("offices.Office", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=20, choices=RevocationReason.choices)
    note = models.TextField(blank=True)
    status = models.CharField(
        max_length=12, choices=RevocationStatus.choices, default=RevocationStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    objection = models.TextField(blank=True)
    objected_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    restored_card = models.ForeignKey(
        Card, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    idempotency_key = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            # One open revocation per card version (requested, or revoked and not yet
            # settled): a second admin's request is refused rather than duplicated.
            models.UniqueConstraint(
                fields=["card"],
                condition=models.Q(status__in=["requested", "confirmed", "objected"]),
                name="card_revocation_one_open",
            ),
            models.UniqueConstraint(
                fields=["requested_by", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="card_revocation_idempotency",
            ),
            models.CheckConstraint(
                condition=models.Q(confirmed_by__isnull=True)
                | ~models.Q(confirmed_by=models.F("requested_by")),
                name="card_revocation_four_eyes",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.card_id}: {self.status}"


class CardRevocationStatusChange(StatusChange):
    subject_field = "revocation"
    revocation = models.ForeignKey(CardRevocation, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, choices=RevocationStatus.choices)


class CardRevocationEvidence(AppendOnly):
    """A file that supports a revocation, checked like a document (sniffed, re-encoded)."""

    revocation = models.ForeignKey(
        CardRevocation, on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(max_length=200)
    sha256 = models.CharField(max_length=64)
    content_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    original_filename = models.CharField(max_length=150, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.original_filename or str(self.file.name)
