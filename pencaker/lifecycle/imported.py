"""The past of holders brought in from an office's existing records (exchange's import).

Reports, placements and register events are written with their REAL dates, in bulk.
This is the one documented exception to "an event is dated on the day it is applied"
(ADR 0010): the import replays what the office's paper register already says, and the
IPK of those months must count it. Months already summarised (``IpkSummaryState``) keep
their figures until ``pencaker ipk_summarize --rebuild`` (ADR 0024).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pencaker.lifecycle.choices import (
    EventKind,
    PlacementSource,
    ReportChannel,
    ReportOutcome,
    Sector,
)
from pencaker.lifecycle.events import age_group
from pencaker.lifecycle.models import Placement, Report, SeekerEvent
from pencaker.offices.models import Office


@dataclass(frozen=True)
class ImportedPlacement:
    employer: str
    position: str
    start_date: dt.date
    area: str


@dataclass
class ImportedHistory:
    holder_id: int
    card_id: int
    card_number: str
    issued_on: dt.date
    sex: str
    birth_date: dt.date | None
    education_level: str
    reports: list[tuple[int, dt.date, dt.date]] = field(default_factory=list)
    placement: ImportedPlacement | None = None
    ending: tuple[str, dt.date] | None = None


def history_import_bulk(*, office: Office, entries: list[ImportedHistory]) -> int:
    """Write the events, reports and placements of ``entries``; returns the number of
    events. Call inside the caller's transaction."""
    events: list[SeekerEvent] = []
    reports: list[Report] = []
    placements: list[Placement] = []

    def event(entry: ImportedHistory, kind: str, on: dt.date, area: str = "") -> SeekerEvent:
        return SeekerEvent(
            office=office,
            card_id=entry.card_id,
            holder_id=entry.holder_id,
            kind=kind,
            occurred_on=on,
            sex=entry.sex,
            birth_date=entry.birth_date,
            age_group=age_group(entry.birth_date, on),
            education_level=entry.education_level,
            placement_area=area if kind == EventKind.PLACED else "",
            note="imported",
        )

    for entry in entries:
        events.append(event(entry, EventKind.REGISTERED, entry.issued_on))
        for number, due_on, reported_on in entry.reports:
            reports.append(
                Report(
                    holder_id=entry.holder_id,
                    office=office,
                    card_number=entry.card_number,
                    period_start=entry.issued_on,
                    number=number,
                    due_on=due_on,
                    reported_on=reported_on,
                    outcome=ReportOutcome.SEEKING,
                    channel=ReportChannel.COUNTER,
                )
            )
            events.append(event(entry, EventKind.REPORTED, reported_on))
        if entry.ending is not None:
            kind, on = entry.ending
            area = entry.placement.area if entry.placement and kind == EventKind.PLACED else ""
            events.append(event(entry, kind, on, area))
            if kind == EventKind.PLACED and entry.placement is not None:
                placements.append(
                    Placement(
                        holder_id=entry.holder_id,
                        office=office,
                        card_id=entry.card_id,
                        employer=entry.placement.employer,
                        position=entry.placement.position,
                        sector=Sector.OTHER,
                        start_date=entry.placement.start_date,
                        area=entry.placement.area,
                        source=PlacementSource.OPERATOR,
                        reported_on=on,
                    )
                )
    SeekerEvent.objects.bulk_create(events, batch_size=2000)
    Report.objects.bulk_create(reports, batch_size=2000)
    Placement.objects.bulk_create(placements, batch_size=2000)
    return len(events)
