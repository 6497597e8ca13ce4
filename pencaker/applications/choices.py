"""Choice lists for AK/1 applications (values are stable codes; labels are translated)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from pencaker.offices.choices import DefaultReturnReason


class ApplicationType(models.TextChoices):
    NEW = "new", _("New card")
    RENEWAL = "renewal", _("Renewal")
    DATA_CHANGE = "data_change", _("Change of data")
    REPLACEMENT = "replacement", _("Replacement of a lost or damaged card")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, waiting for an operator")
    IN_REVIEW = "in_review", _("Being checked by an operator")
    NEEDS_CHANGES = "needs_changes", _("Returned to you for changes")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# What staff read where the applicant's wording ("... to you") would be wrong.
STAFF_STATUS_LABELS = {
    Status.NEEDS_CHANGES: _("Returned to the applicant for changes"),
}

# An applicant may have at most one application in these states (partial unique constraint).
OPEN_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW, Status.NEEDS_CHANGES)
DECIDED_STATUSES = (Status.APPROVED, Status.REJECTED)


# Why an item goes back to the applicant: the defaults of an office's list live with the
# office configuration (offices sits below applications); re-exported under the old name.
ReturnReason = DefaultReturnReason


# Which of the default reasons make sense for which kind of item (an office's own reasons
# apply to every item): a profile section cannot be "unreadable", a KTP breaks no photo rules.
_R = ReturnReason
REASONS_FOR_SECTION = frozenset({_R.MISMATCH, _R.INCOMPLETE, _R.OTHER})
REASONS_FOR_DOCUMENT = frozenset(
    {_R.UNREADABLE, _R.WRONG_DOCUMENT, _R.EXPIRED, _R.MISMATCH, _R.OTHER}
)
REASONS_FOR_PHOTO = frozenset({_R.UNREADABLE, _R.WRONG_DOCUMENT, _R.PHOTO_RULES, _R.OTHER})


def return_reason_applies(*, item: str, reason: str) -> bool:
    """Whether ``reason`` (a reason code) may be given for ``item`` (a returnable item code:
    a section, or ``document:<kind>``)."""
    if reason not in ReturnReason.values:
        return True
    if item == "document:photo":
        return reason in REASONS_FOR_PHOTO
    if item.startswith("document:"):
        return reason in REASONS_FOR_DOCUMENT
    return reason in REASONS_FOR_SECTION


class RejectReason(models.TextChoices):
    NOT_ELIGIBLE = "not_eligible", _("Not eligible (for example below the minimum age)")
    FRAUDULENT = "fraudulent", _("A document is false or belongs to someone else")
    DUPLICATE = "duplicate", _("This person already has a card or an application")
    WRONG_OFFICE = "wrong_office", _("The applicant does not live in this office's area")
    OTHER = "other", _("Other (see the note)")
