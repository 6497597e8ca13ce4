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


class OfficeKind(models.TextChoices):
    """A Dinas of a kabupaten/kota (serves citizens, issues cards) or a province's
    Disnakertrans (reads the figures of the kabupaten/kota offices of its province)."""

    KABKOTA = "kabkota", _("Kabupaten/kota office")
    PROVINCE = "province", _("Province office (Disnakertrans provinsi)")


class OfficeTimeZone(models.TextChoices):
    """Indonesia's three time zones (ADR 0031)."""

    WIB = "Asia/Jakarta", _("WIB (Western Indonesia, UTC+7)")
    WITA = "Asia/Makassar", _("WITA (Central Indonesia, UTC+8)")
    WIT = "Asia/Jayapura", _("WIT (Eastern Indonesia, UTC+9)")


#: Kemendagri province codes outside WIB (checked against ../shared/data/wilayah):
#: Bali, NTB, NTT, Kalimantan Selatan/Timur/Utara and the six Sulawesi provinces keep WITA;
#: Maluku, Maluku Utara and the six Papua provinces keep WIT. Every other province is WIB
#: (Kalimantan Barat 61 and Tengah 62 included).
WITA_PROVINCES = frozenset({"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"})
WIT_PROVINCES = frozenset({"81", "82", "91", "92", "93", "94", "95", "96"})


def time_zone_for_code(code: str) -> str:
    """The time zone proposed for an office from its Kemendagri code (``"73.71"`` → WITA)."""
    province = (code or "").split(".")[0]
    if province in WIT_PROVINCES:
        return OfficeTimeZone.WIT.value
    if province in WITA_PROVINCES:
        return OfficeTimeZone.WITA.value
    return OfficeTimeZone.WIB.value
