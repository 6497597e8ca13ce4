"""Reads for the lifecycle pages: the holder's current card and report state, timelines,
and the staff view of one card of their own office."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.cards.choices import CardStatus
from pencaker.cards.models import Card
from pencaker.lifecycle.choices import EventKind, PlacementArea, ReportChannel
from pencaker.lifecycle.models import Placement, Report, SeekerEvent
from pencaker.lifecycle.schedule import ReportSlot, next_slot, report_slots


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


def card_current_for_holder(holder: Any) -> Card | None:
    return (
        Card.objects.filter(holder=holder)
        .exclude(status=CardStatus.SUPERSEDED)
        .select_related("office")
        .order_by("-issued_on", "-id")
        .first()
    )


def card_current_for_staff(*, user: Any, number: str) -> Card | None:
    """The current version of a card of the staff member's own office (else None)."""
    number = (number or "").strip()
    if not number or not getattr(user, "office_id", None):
        return None
    return (
        Card.objects.filter(number=number, office_id=user.office_id)
        .exclude(status=CardStatus.SUPERSEDED)
        .select_related("office", "holder")
        .first()
    )


def report_state(card: Card, today: dt.date) -> ReportState:
    from pencaker.lifecycle.services import report_slot_open, rules_for_office

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


def _d(day: dt.date) -> str:
    return day.strftime("%d-%m-%Y")


def timeline_for_holder(holder: Any) -> list[TimelineEntry]:
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
    for placement in Placement.objects.filter(holder=holder):
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
    entries.extend(_renewal_requests(holder))
    order = {k: i for i, k in enumerate(["registered", "renewed", "reported", "placed"])}
    entries.sort(key=lambda e: (e.on, order.get(e.kind, 9)), reverse=True)
    return entries


def _renewal_requests(holder: Any) -> list[TimelineEntry]:
    from pencaker.applications.models import Application

    rows = []
    for application in Application.objects.filter(applicant=holder, type="renewal").exclude(
        submitted_at__isnull=True
    ):
        if application.submitted_at is None:
            continue
        rows.append(
            TimelineEntry(
                timezone.localdate(application.submitted_at),
                "renewal_requested",
                _("Renewal requested"),
                f"{application.tracking_number} · {application.get_status_display()}",
            )
        )
    return rows
