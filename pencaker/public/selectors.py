"""Reads for the public guide: what an office asks for and where to get help.

Everything shown comes from the office's configuration (``Office``) and the documents
app's labels, so the guide never promises a document list the office does not ask for.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pencaker.documents.choices import OPTIONAL_KINDS
from pencaker.documents.selectors import (
    document_kind_labels,
    required_group_label,
    required_groups_for_office,
    required_kinds_for_office,
)
from pencaker.offices.models import Office

#: Shown when no office is configured yet (a fresh installation).
DEFAULT_MIN_AGE = 18
DEFAULT_SLA_WORKING_DAYS = 1

# Indonesian mobile numbers (08…, +628…, 628…) can receive WhatsApp; landlines cannot.
_MOBILE = re.compile(r"^(?:\+?62|0)8\d{7,12}$")


@dataclass(frozen=True)
class GuideDocument:
    code: str
    label: str


@dataclass(frozen=True)
class Guide:
    """The facts the public guide, its printable page and the poster show."""

    office: Office | None
    offices: list[Office]
    requested_code: str
    min_age: int
    sla_working_days: int
    work_start: dt.time | None
    work_end: dt.time | None
    required_documents: list[GuideDocument] = field(default_factory=list)
    optional_documents: list[GuideDocument] = field(default_factory=list)
    whatsapp_number: str = ""

    @property
    def unknown_office(self) -> bool:
        """A ``?kantor=`` code was asked for that no office has."""
        return bool(self.requested_code) and (
            self.office is None or self.office.code != self.requested_code
        )

    @property
    def has_contact(self) -> bool:
        office = self.office
        return bool(office and (office.address or office.phone or office.email))


def default_documents() -> list[GuideDocument]:
    """The documents most offices ask for, without touching the database (the home page
    stays a cheap page under load; the guide shows each office's own list)."""
    labels = document_kind_labels()
    return [GuideDocument(kind, labels[kind]) for kind in required_kinds_for_office(None)]


def guide_offices() -> list[Office]:
    """Every office, by name (the choice list when several share the installation)."""
    return list(Office.objects.select_related("region").order_by("name", "code"))


def whatsapp_number(phone: str) -> str:
    """The international form (``628…``) of a mobile number, or "" for a landline."""
    digits = re.sub(r"[\s().-]", "", phone or "")
    if not _MOBILE.match(digits):
        return ""
    digits = digits.lstrip("+")
    return "62" + digits[1:] if digits.startswith("0") else digits


def guide_for(code: str | None = None) -> Guide:
    """The guide for the office with ``code``; the first office (the one configured first)
    when no code is given or the code is unknown; a generic guide when there is none."""
    offices = guide_offices()
    requested = (code or "").strip()[:13]
    office = next((o for o in offices if o.code == requested), None)
    if office is None and offices:
        office = min(offices, key=lambda o: o.pk)
    labels = document_kind_labels()
    groups = required_groups_for_office(office)
    accepted = [kind for group in groups for kind in group]
    optional = [kind for kind in OPTIONAL_KINDS if kind not in accepted]
    return Guide(
        office=office,
        offices=offices,
        requested_code=requested,
        min_age=office.min_age if office else DEFAULT_MIN_AGE,
        sla_working_days=office.sla_working_days if office else DEFAULT_SLA_WORKING_DAYS,
        work_start=office.work_start if office else None,
        work_end=office.work_end if office else None,
        required_documents=[
            GuideDocument(group[0], required_group_label(group)) for group in groups
        ],
        optional_documents=[GuideDocument(kind, labels[kind]) for kind in optional],
        whatsapp_number=whatsapp_number(office.phone) if office else "",
    )
