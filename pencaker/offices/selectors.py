"""Reads of an office's configuration: its calendar, the office serving a village, the
documents it requires, its lifecycle rules and its list of return reasons.

Callers pass the office in; nothing here looks at the request or the user. Writes are in
``offices.services`` (admin dinas of the office, audited).
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from pencaker.core.calendar import WorkingCalendar, local_date
from pencaker.offices.choices import DefaultReturnReason, OfficeKind
from pencaker.offices.models import LifecycleSettings, Office, OfficeClosure, ReturnReason
from pencaker.regions.models import Region


def office_closures(office: Office) -> list[OfficeClosure]:
    """The days the office is closed besides weekends and national holidays, by date."""
    return list(OfficeClosure.objects.filter(office=office).order_by("date"))


# Compiled calendars per process (issue 18): the SLA clock of every submission, queue
# line and request page needs the office's closed days, which change a few times a year.
# Keyed by office, working hours and time zone (an edit of the hours is seen at once, the office row
# is read fresh); closed days are read again after PENCAKER_OFFICE_CALENDAR_CACHE_SECONDS
# at the latest (0: no cache), and at once in the process that changed them
# (``office_calendar_forget``). ADR 0029 says what the delay costs.
_calendars: dict[int, tuple[float, tuple, WorkingCalendar]] = {}
_calendars_lock = threading.Lock()


def _calendar_ttl() -> float:
    return float(getattr(settings, "PENCAKER_OFFICE_CALENDAR_CACHE_SECONDS", 0) or 0)


def office_calendar(office: Office) -> WorkingCalendar:
    """The office's working hours with its closed days (the SLA clock runs in it)."""
    ttl = _calendar_ttl()
    key = (
        getattr(office, "work_start", None),
        getattr(office, "work_end", None),
        getattr(office, "time_zone", ""),
    )
    now = time.monotonic()
    if ttl > 0 and office.pk is not None:
        cached = _calendars.get(office.pk)
        if cached is not None and cached[1] == key and now - cached[0] < ttl:
            return cached[2]
    closures: list[dt.date] = list(
        OfficeClosure.objects.filter(office=office).values_list("date", flat=True)
    )
    calendar = WorkingCalendar.for_office(office, closures=closures)
    if ttl > 0 and office.pk is not None:
        with _calendars_lock:
            _calendars[office.pk] = (now, key, calendar)
    return calendar


def office_calendar_forget(office_id: int | None = None) -> None:
    """Drop this process's compiled calendar of ``office_id`` (every office when None):
    called by ``offices.services`` after a closed day is added or removed."""
    with _calendars_lock:
        if office_id is None:
            _calendars.clear()
        else:
            _calendars.pop(office_id, None)


def office_today(office: Office | None, moment: dt.datetime | None = None) -> dt.date:
    """The date in the office's time zone at ``moment`` (now when None): the day its
    reports, placements and reminders are recorded on (ADR 0031). Asia/Jakarta without an
    office."""
    return local_date(moment, office.time_zone if office is not None else "")


def office_for_village(village: Region | None) -> Office | None:
    """The office serving a village: the one whose code is the village's kabupaten/kota
    code (the first two parts of the region code, ``"16.71"``); None if there is none."""
    if village is None:
        return None
    regency_code = ".".join(village.code.split(".")[:2])
    return Office.objects.filter(code=regency_code).first()


def office_required_documents(office: Office | None) -> list[str] | None:
    """The document kind codes the office requires, as configured (unchecked: documents
    validates them against its kinds); None when no office or nothing is configured."""
    if office is None:
        return None
    configured = office.required_documents
    return None if configured is None else list(configured)


def office_lifecycle_settings(office: Office) -> LifecycleSettings:
    """The office's reporting and removal rules; an unsaved row with the defaults while the
    office has not changed them."""
    return LifecycleSettings.objects.filter(office=office).first() or LifecycleSettings(
        office=office
    )


def return_reasons_seed(*, office: Office) -> int:
    """Give ``office`` the default reasons if it has none yet; returns how many were added."""
    if ReturnReason.objects.filter(office=office).exists():
        return 0
    rows = [
        ReturnReason(office=office, code=code, position=(n + 1) * 10)
        for n, code in enumerate(DefaultReturnReason.values)
    ]
    return len(ReturnReason.objects.bulk_create(rows, ignore_conflicts=True))


def office_return_reasons(office: Office, *, active_only: bool = True) -> list[ReturnReason]:
    """The office's reasons in display order (seeded with the defaults on first use)."""
    return_reasons_seed(office=office)
    qs = ReturnReason.objects.filter(office=office)
    if active_only:
        qs = qs.filter(active=True)
    return list(qs.order_by("position", "id"))


def office_return_reason_choices(office: Office) -> list[tuple[str, str]]:
    """(code, label) of the office's active reasons, for a form's choices."""
    return [(r.code, r.display) for r in office_return_reasons(office)]


# --- The office shown in the site header ------------------------------------------------


@dataclass(frozen=True)
class OfficeBrand:
    """What the header shows: the office's name and, where the installation ships one, its
    logo (a static file ``offices/logos/<code>.svg`` or ``.png``, the dots of the code as
    dashes: ``16-71.svg``); without a logo the name alone is the wordmark."""

    name: str
    code: str
    logo_path: str | None
    #: The logo uploaded on the settings screen (served by offices); wins over logo_path.
    logo_url: str | None = None


#: Process-wide memo of the installation's default office (the first configured, as the
#: guide shows): public pages read it without a query; it is read again after
#: ``_BRAND_TTL`` seconds and at once when an office is saved in this process.
_BRAND_TTL = 300.0
_default_brand: tuple[float, OfficeBrand | None] | None = None


@functools.lru_cache(maxsize=64)
def _logo_path(code: str) -> str | None:
    from django.contrib.staticfiles import finders

    stem = f"offices/logos/{code.replace('.', '-')}"
    for suffix in (".svg", ".png"):
        if finders.find(stem + suffix):
            return stem + suffix
    return None


def office_brand(office: Office) -> OfficeBrand:
    """The header of ``office``'s pages."""
    return OfficeBrand(
        name=office.name,
        code=office.code,
        logo_path=_logo_path(office.code),
        logo_url=office_logo_url(office),
    )


def office_logo_url(office: Office) -> str | None:
    """Where the uploaded logo is served (the version in the path: a new logo is a new
    URL, so browsers never show the old one); None without an uploaded logo."""
    if not office.logo_version:
        return None
    from django.urls import reverse

    return reverse("offices:logo", args=[office.pk, office.logo_version])


def office_brand_default(*, cached_only: bool = False) -> OfficeBrand | None:
    """The header of public pages: the installation's default office (the one configured
    first); None when there is no office. ``cached_only`` never queries: it answers the
    memo, or None while nothing is memoised (the landing page stays query-free)."""
    global _default_brand
    now = time.monotonic()
    if _default_brand is not None and now - _default_brand[0] < _BRAND_TTL:
        return _default_brand[1]
    if cached_only:
        return _default_brand[1] if _default_brand is not None else None
    office = Office.objects.order_by("pk").first()
    brand = office_brand(office) if office is not None else None
    _default_brand = (now, brand)
    return brand


def office_brand_forget() -> None:
    """Drop the memo (an office was saved or deleted) and the logos found (read again; a
    new logo file otherwise appears after the restart that follows collectstatic)."""
    global _default_brand
    _default_brand = None
    _logo_path.cache_clear()


# --- Hooks: what upper apps lend the settings screens ------------------------------------
#
# offices sits below documents and cards: the screens ask them through these hooks, which
# documents and cards fill in their ``ready()``.

_hooks: dict[str, Callable[..., Any]] = {}


def settings_hook_register(name: str, func: Callable[..., Any]) -> None:
    """``name``: ``"document_kinds"`` (() -> [(code, label)]), ``"logo_check"``
    ((uploaded_file) -> (bytes, content_type), raises DomainError) or
    ``"signing_certificate"`` ((office) -> dict with subject, issuer, valid_until, source),
    ``"signing_upload"`` ((actor, office, uploaded_file, password, ip_address) -> None,
    raises DomainError), ``"signing_remove"`` ((actor, office, ip_address) -> None) and
    ``"survey_questions"`` ((office) -> {"url", "count"}: the screen of the office's own
    survey questions, from surveys)."""
    _hooks[name] = func


def settings_hook(name: str) -> Callable[..., Any] | None:
    return _hooks.get(name)


def office_document_kind_choices() -> list[tuple[str, str]]:
    """The document kinds an office may ask for (from documents); empty if not known."""
    hook = settings_hook("document_kinds")
    return list(hook()) if hook else []


def signing_certificate_status(office: Office | None = None) -> dict[str, Any] | None:
    """The signing certificate of ``office``'s cards (from cards): source, subject, issuer,
    valid_until, error; None when nothing is registered."""
    hook = settings_hook("signing_certificate")
    return hook(office) if hook else None


def survey_questions_summary(office: Office) -> dict[str, Any] | None:
    """Where the office's own survey questions are set and how many it asks (from
    surveys); None when nothing is registered."""
    hook = settings_hook("survey_questions")
    return hook(office) if hook else None


def office_public(code: str | None = None) -> Office | None:
    """The office a public page speaks for: the one with ``code`` when given (None when
    there is none), else the installation's default office (the one configured first)."""
    if code:
        return Office.objects.filter(code=code).first()
    return office_public_for_host(None)


def public_office_hosts() -> dict[str, str]:
    """``PENCAKER_PUBLIC_OFFICE_HOSTS`` ("host=code,host=code") as {host: code}."""
    mapping = {}
    for item in getattr(settings, "PENCAKER_PUBLIC_OFFICE_HOSTS", []) or []:
        host, _sep, code = item.partition("=")
        if host.strip() and code.strip():
            mapping[host.strip().lower()] = code.strip()
    return mapping


def office_public_for_host(host: str | None) -> Office | None:
    """The office of a public page reached at ``host`` (ADR 0032): the office that
    ``PENCAKER_PUBLIC_OFFICE_HOSTS`` names for the host (without port), else the office of
    ``PENCAKER_PUBLIC_OFFICE_CODE``, else the first office configured."""
    name = (host or "").rsplit(":", 1)[0].strip("[]").lower() if host else ""
    code = public_office_hosts().get(name) if name else None
    code = code or getattr(settings, "PENCAKER_PUBLIC_OFFICE_CODE", "") or ""
    if code:
        office = Office.objects.filter(code=code).first()
        if office is not None:
            return office
    return Office.objects.order_by("pk").first()


def province_offices(province: Office) -> list[Office]:
    """The kabupaten/kota offices a province office covers: those whose code starts with
    the province's code (``"16"`` covers ``"16.71"``, ``"16.74"``)."""
    if not province.is_province:
        return []
    return list(
        Office.objects.filter(
            kind=OfficeKind.KABKOTA, code__startswith=f"{province.code}."
        ).order_by("code")
    )
