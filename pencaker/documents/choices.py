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


#: Required when the office has not configured anything (``Office.required_documents``).
DEFAULT_REQUIRED_KINDS: tuple[str, ...] = (
    DocumentKind.KTP,
    DocumentKind.PHOTO,
    DocumentKind.IJAZAH,
)

#: Always offered as optional uploads; the KK is offered only where an office asks for it.
OPTIONAL_KINDS: tuple[str, ...] = (
    DocumentKind.COMPETENCE_CERTIFICATE,
    DocumentKind.WORK_LETTER,
)
