"""Reads for the lifecycle pages: the holder's current card and report state, timelines,
and the staff view of one card of their own office."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from pencaker.accounts.models import User
from pencaker.cards.choices import CardStatus
from pencaker.cards.models import Card
from pencaker.lifecycle.choices import EventKind, PlacementArea, ReportChannel
from pencaker.lifecycle.models import Placement, Report, SeekerEvent
from pencaker.lifecycle.schedule import ReportSlot, Rules, current_slot, next_slot, report_slots
from pencaker.offices.models import Office
from pencaker.offices.selectors import office_lifecycle_settings


@dataclass(frozen=True)
class TimelineEntry:
    on: dt.date
    kind: str
    title: str
    detail: str = ""


@dataclass(frozen=True)
class ReportState:
    card: Card
    open_slot: ReportSlot | None
    next_slot: ReportSlot | None
    reported: dict[int, Report]
    slots: list[ReportSlot]

    @property
    def rows(self) -> list[tuple[ReportSlot, Report | None]]:
        return [(slot, self.reported.get(slot.number)) for slot in self.slots]


def card_current_for_holder(holder: User) -> Card | None:
    return (
        Card.objects.filter(holder=holder)
        .exclude(status=CardStatus.SUPERSEDED)
        .select_related("office")
        .order_by("-issued_on", "-id")
        .first()
    )


def card_current_for_staff(*, user: User, number: str) -> Card | None:
    """The current version of a card of the staff member's own office (else None)."""
    number = (number or "").strip()
    office_id = getattr(user, "office_id", None)
    if not number or not office_id:
        return None
    return (
        Card.objects.filter(number=number, office_id=office_id)
        .exclude(status=CardStatus.SUPERSEDED)
        .select_related("office", "holder")
        .first()
    )


def rules_for_office(office: Office) -> Rules:
    """The office's lifecycle settings (``offices.selectors``) as the schedule's rules."""
    row = office_lifecycle_settings(office)
    return Rules(
        window_days_before=row.window_days_before,
        window_days_after=row.window_days_after,
        removal_enabled=row.removal_enabled,
        removal_grace_days=row.removal_grace_days,
        expiry_enabled=row.expiry_enabled,
    )


def report_slot_open(*, card: Card, today: dt.date) -> ReportSlot | None:
    """The report the holder can make on ``today``, or None (not yet, or already made)."""
    if card.status != CardStatus.ACTIVE or card.valid_until < today:
        return None
    slot = current_slot(card.issued_on, rules_for_office(card.office), today)
    if slot is None:
        return None
    done = Report.objects.filter(
        card_number=card.number, period_start=card.issued_on, number=slot.number
    ).exists()
    return None if done else slot


def report_state(card: Card, today: dt.date) -> ReportState:
    rules = rules_for_office(card.office)
    reported = {
        r.number: r
        for r in Report.objects.filter(card_number=card.number, period_start=card.issued_on)
    }
    upcoming = None
    if card.status == CardStatus.ACTIVE:
        upcoming = next_slot(card.issued_on, rules, today, set(reported))
    return ReportState(
        card=card,
        open_slot=report_slot_open(card=card, today=today),
        next_slot=upcoming,
        reported=reported,
        slots=report_slots(card.issued_on, rules),
    )


# Entries that other apps add to the holder's timeline (applications: renewal requests).
# An app above this one registers a source in its ``AppConfig.ready``, so this app reads
# nothing of theirs.
_TIMELINE_SOURCES: list[Callable[[Any], Iterable[TimelineEntry]]] = []


def timeline_source_register(source: Callable[[Any], Iterable[TimelineEntry]]) -> None:
    """Add ``source(holder)`` to every holder timeline (idempotent)."""
    if source not in _TIMELINE_SOURCES:
        _TIMELINE_SOURCES.append(source)


def _d(day: dt.date) -> str:
    return day.strftime("%d-%m-%Y")


def timeline_for_holder(holder: User) -> list[TimelineEntry]:
    """Registered, reports, placement, expiry or removal, renewals: newest first."""
    entries: list[TimelineEntry] = []
    for event in SeekerEvent.objects.filter(holder=holder).select_related("card"):
        number = event.card.number if event.card else ""
        if event.kind == EventKind.REGISTERED:
            entries.append(
                TimelineEntry(
                    event.occurred_on,
                    event.kind,
                    _("Registered as a job seeker"),
                    _("Card %(number)s issued") % {"number": number},
                )
            )
        elif event.kind == EventKind.RENEWED:
            entries.append(
                TimelineEntry(
                    event.occurred_on,
                    event.kind,
                    _("Card renewed"),
                    _("New card valid until %(date)s") % {"date": _d(event.card.valid_until)}
                    if event.card
                    else "",
                )
            )
        elif event.kind == EventKind.EXPIRED:
            entries.append(
                TimelineEntry(event.occurred_on, event.kind, _("Card expired after two years"))
            )
        elif event.kind == EventKind.REMOVED:
            entries.append(
                TimelineEntry(
                    event.occurred_on,
                    event.kind,
                    _("Removed from the register"),
                    _("A report was not made in time."),
                )
            )
    for report in Report.objects.filter(holder=holder):
        how = (
            _("online")
            if report.channel == ReportChannel.ONLINE
            else _("at the office counter, recorded by %(name)s") % {"name": report.officer_name}
        )
        entries.append(
            TimelineEntry(
                report.reported_on,
                EventKind.REPORTED,
                _("Report %(n)s made") % {"n": report.number},
                _("%(outcome)s; reported %(how)s")
                % {"outcome": report.get_outcome_display(), "how": how},
            )
        )
    latest: dict[str, Placement] = {}  # a corrected placement shows as corrected
    for placement in Placement.objects.filter(holder=holder).select_related("card"):
        if placement.card.number not in latest or latest[placement.card.number].pk < placement.pk:
            latest[placement.card.number] = placement
    for placement in latest.values():
        entries.append(
            TimelineEntry(
                placement.reported_on,
                EventKind.PLACED,
                _("Started work"),
                _("%(position)s at %(employer)s from %(date)s; %(area)s")
                % {
                    "position": placement.position,
                    "employer": placement.employer,
                    "date": _d(placement.start_date),
                    "area": str(PlacementArea(placement.area).label),
                },
            )
        )
    for source in _TIMELINE_SOURCES:
        entries.extend(source(holder))
    kinds = [EventKind.REGISTERED, EventKind.RENEWED, EventKind.REPORTED, EventKind.PLACED]
    order: dict[str, int] = {k: i for i, k in enumerate(kinds)}
    entries.sort(key=lambda e: (e.on, order.get(e.kind, 9)), reverse=True)
    return entries


@dataclass(frozen=True)
class HolderAction:
    """Something an upper app asks the holder to confirm or decline on the lifecycle page
    (the vacancies app: an employer reported the holder's hire). Each button posts to the
    upper app's own URL."""

    title: str
    text: str
    confirm_url: str
    decline_url: str


_HOLDER_ACTION_SOURCES: list[Callable[[Any], Iterable[HolderAction]]] = []


def holder_action_source_register(source: Callable[[Any], Iterable[HolderAction]]) -> None:
    """Add ``source(holder)`` to the holder's lifecycle page (idempotent)."""
    if source not in _HOLDER_ACTION_SOURCES:
        _HOLDER_ACTION_SOURCES.append(source)


def holder_actions(holder: Any) -> list[HolderAction]:
    return [action for source in _HOLDER_ACTION_SOURCES for action in source(holder)]
