"""Choice lists for cards (values are stable codes; labels are translated)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CardStatus(models.TextChoices):
    ACTIVE = "active", _("Valid")
    PLACED = "placed", _("Holder has started work")
    EXPIRED = "expired", _("Expired")
    REMOVED = "removed", _("Removed from the register")
    REVOKED = "revoked", _("Revoked")
    SUPERSEDED = "superseded", _("Replaced by a newer card")


class VerificationMethod(models.TextChoices):
    QR = "qr", _("QR code")
    NUMBER = "number", _("Card number and date of birth")
    BATCH = "batch", _("Employer's batch check (number and date of birth)")


class VerificationOutcome(models.TextChoices):
    """What a check answered. ``not_found`` covers unknown numbers and wrong birth dates
    alike, so the answer never tells whether a number exists."""

    FOUND = "found", _("Card found")
    NOT_FOUND = "not_found", _("Not found")
    BAD_CHECK_DIGIT = "bad_check_digit", _("Wrong check digit")
    BAD_FORMAT = "bad_format", _("Not a card number")
    BAD_TOKEN = "bad_token", _("QR code not genuine")
    RATE_LIMITED = "rate_limited", _("Too many checks")


class RevocationReason(models.TextChoices):
    """Why an office revokes a card (the grounds the field studies reported)."""

    FORGED_DOCUMENT = "forged_document", _("A forged document was used")
    IDENTITY_FRAUD = "identity_fraud", _("Identity fraud")
    ISSUED_IN_ERROR = "issued_in_error", _("Issued in error")


class RevocationStatus(models.TextChoices):
    """States of a revocation (see ``revocation_workflow.ALLOWED``)."""

    REQUESTED = "requested", _("Awaiting confirmation")
    DECLINED = "declined", _("Not confirmed")
    CONFIRMED = "confirmed", _("Card revoked")
    OBJECTED = "objected", _("Objection lodged")
    UPHELD = "upheld", _("Objection upheld: card restored")
    REJECTED = "rejected", _("Objection rejected: card stays revoked")
