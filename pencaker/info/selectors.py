"""Reads of the office's public information. Nothing here looks at the request."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from pencaker.documents.choices import DocumentKind
from pencaker.info.models import Announcement, FaqEntry, InfoSettings
from pencaker.offices.models import Office
from pencaker.offices.selectors import (
    office_public,
    office_public_for_host,
    office_required_documents,
)


def office_for_public(code: str | None = None, *, host: str | None = None) -> Office | None:
    """``?kantor=CODE`` when given, else the office of the host the page was reached at
    (``PENCAKER_PUBLIC_OFFICE_HOSTS``), else the default office (ADR 0032)."""
    if code:
        return office_public(code)
    return office_public_for_host(host)


def info_settings(office: Office) -> InfoSettings:
    """The office's settings; an unsaved row with the defaults while none was saved."""
    return InfoSettings.objects.filter(office=office).first() or InfoSettings(office=office)


def _published(now: dt.datetime | None = None) -> Q:
    now = now or timezone.now()
    return Q(publish_at__lte=now) & (Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now))


def announcements_published(
    office: Office | None, *, now: dt.datetime | None = None
) -> QuerySet[Announcement]:
    """Announcements inside their publish window, newest first (all offices when None)."""
    rows = Announcement.objects.filter(_published(now)).select_related("office")
    if office is not None:
        rows = rows.filter(office=office)
    return rows.order_by("-publish_at", "-pk")


def announcement_get_public(pk: int, *, now: dt.datetime | None = None) -> Announcement | None:
    return Announcement.objects.filter(_published(now), pk=pk).select_related("office").first()


def announcements_for_staff(office: Office) -> QuerySet[Announcement]:
    return Announcement.objects.filter(office=office).order_by("-publish_at", "-pk")


def announcement_is_live(item: Announcement, *, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return item.publish_at <= now and (item.unpublish_at is None or item.unpublish_at > now)


def faq_for_staff(office: Office) -> QuerySet[FaqEntry]:
    return FaqEntry.objects.filter(office=office).order_by("position", "pk")


@dataclass(frozen=True)
class FaqItem:
    question: str
    answer: str
    source: str = "office"


#: Extra FAQ entries from apps above this one (complaints' published anonymised answers):
#: ``source(office) -> list[FaqItem]``, registered from an upper app's ``AppConfig.ready``
#: (pencaker.public wires complaints in, since info and complaints are siblings).
_FAQ_SOURCES: list[Callable[[Any], list[FaqItem]]] = []


def faq_source_register(source: Callable[[Any], list[FaqItem]]) -> None:
    """Add ``source(office)`` to the public FAQ (idempotent)."""
    if source not in _FAQ_SOURCES:
        _FAQ_SOURCES.append(source)


def faq_published(office: Office | None) -> list[FaqItem]:
    """The office's published entries in their order, then the registered sources' ones."""
    if office is None:
        return []
    items = [
        FaqItem(question=e.question, answer=e.answer)
        for e in FaqEntry.objects.filter(office=office, published=True).order_by("position", "pk")
    ]
    for source in _FAQ_SOURCES:
        items.extend(source(office))
    return items


@dataclass(frozen=True)
class ServiceStandard:
    """What PermenPANRB 15/2014 asks an office to publish about the AK/1 service."""

    office: Office
    requirements: list[str] = field(default_factory=list)
    sla_working_days: int = 1
    regional_regulation: str = ""


def service_standard(office: Office) -> ServiceStandard:
    kinds = office_required_documents(office) or []
    labels = dict(DocumentKind.choices)
    return ServiceStandard(
        office=office,
        requirements=[str(labels.get(k, k)) for k in kinds],
        sla_working_days=office.sla_working_days,
        regional_regulation=info_settings(office).regional_regulation,
    )
