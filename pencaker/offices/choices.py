"""Choice lists of the office configuration (values are stable codes; labels are translated)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DefaultReturnReason(models.TextChoices):
    """The reasons every office's list starts with (why an item goes back to the applicant;
    the free text says the details). ``applications.choices.ReturnReason`` re-exports it."""

    UNREADABLE = "unreadable", _("The file cannot be read clearly (blurred, dark or cut off)")
    WRONG_DOCUMENT = "wrong_document", _("This is not the requested document")
    EXPIRED = "expired", _("The document is no longer valid")
    MISMATCH = "mismatch", _("The data does not match the documents")
    INCOMPLETE = "incomplete", _("Some information is missing")
    PHOTO_RULES = "photo_rules", _("The photo does not follow the rules (recent, colour, 3x4)")
    #: Seen on the card preview of the review screen (issue 16): what would be printed is
    #: wrong (a misread name, a date, the photo).
    CARD_PREVIEW = "card_preview", _("The card preview does not match the documents")
    OTHER = "other", _("Other (see the note)")
