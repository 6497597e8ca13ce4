"""Document kinds a job seeker can upload (Permenaker 39/2016 practice)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    KTP = "ktp", _("Identity card (KTP)")
    PHOTO = "photo", _("Colour photo 3x4")
    IJAZAH = "ijazah", _("Latest diploma (ijazah)")
    COMPETENCE_CERTIFICATE = "competence_certificate", _("Competence certificate")
    WORK_LETTER = "work_letter", _("Work experience letter")
    KK = "kk", _("Family card (KK)")
    #: Issue 16 (Majalengka): offices may accept the SIM instead of the KTP and ask for the
    #: birth certificate; the same file checks apply to every kind but the photo.
    SIM = "sim", _("Driving licence (SIM)")
    BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate (akta kelahiran)")


#: Required when the office has not configured anything (``Office.required_documents``).
DEFAULT_REQUIRED_KINDS: tuple[str, ...] = (
    DocumentKind.KTP,
    DocumentKind.PHOTO,
    DocumentKind.IJAZAH,
)

#: In an office's list of required documents, ``"ktp|sim"`` means "one of these": the
#: first is the usual document, the others are accepted instead of it.
ANY_OF = "|"

#: Always offered as optional uploads; the KK, the SIM and the birth certificate are
#: offered only where an office asks for them.
OPTIONAL_KINDS: tuple[str, ...] = (
    DocumentKind.COMPETENCE_CERTIFICATE,
    DocumentKind.WORK_LETTER,
)
