"""The monthly IPK summary: closed months counted once, read many times.

``summary_refresh`` summarises every closed month (before the current month) that is not
summarised yet, in order. A month's rows are

    events dated before the month's end (now) − summary rows of the earlier months

per group, so the first build equals a plain GROUP BY month, and an event recorded late
with a date inside an already summarised month is counted in the next month summarised
instead of changing a month that was already reported. This is the only write of the
reporting app, and only into its own tables. See docs/adr/0010-ipk-from-events.md.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.apps import apps
from django.db import transaction
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from pencaker.reporting.ipk import COUNTED_KINDS, with_registration_groups, without_jit
from pencaker.reporting.models import IpkMonthlyCount, IpkSummaryState
from pencaker.reporting.periods import month_start

DIMENSIONS = ("kind", "sex", "age_group", "education_level", "placement_area")
BATCH = 2000


def _events(office):
    model = apps.get_model("lifecycle", "SeekerEvent")
    return model.objects.filter(office=office, kind__in=COUNTED_KINDS)


def _grouped(events):
    """``values()`` over the dimensions, ending events in their registration's groups."""
    return with_registration_groups(events, DIMENSIONS).values(*(f"r_{d}" for d in DIMENSIONS))


def _key(row: dict, prefix: str = "r_") -> tuple[str, ...]:
    return tuple(row[f"{prefix}{d}"] or "" for d in DIMENSIONS)


def _store(office, month: dt.date, counts: Counter) -> int:
    rows = [
        IpkMonthlyCount(
            office=office, month=month, count=value, **dict(zip(DIMENSIONS, key, strict=True))
        )
        for key, value in counts.items()
        if value
    ]
    IpkMonthlyCount.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _first_build(office, until: dt.date) -> None:
    events = _events(office).filter(occurred_on__lt=until)
    rows = (
        with_registration_groups(events, DIMENSIONS)
        .annotate(month=TruncMonth("occurred_on"))
        .values("month", *(f"r_{d}" for d in DIMENSIONS))
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_month: dict[dt.date, Counter] = {}
    for row in rows:
        month = row["month"]
        month = month.date() if isinstance(month, dt.datetime) else month
        by_month.setdefault(month, Counter())[_key(row)] += row["n"]
    for month, counts in sorted(by_month.items()):
        _store(office, month, counts)


def _close_month(office, month: dt.date) -> None:
    end = month_start(month, months=1)
    cumulative: Counter = Counter()
    for row in (
        _grouped(_events(office).filter(occurred_on__lt=end)).annotate(n=Count("pk")).order_by()
    ):
        cumulative[_key(row)] += row["n"]
    for row in (
        IpkMonthlyCount.objects.filter(office=office, month__lt=month)
        .values(*DIMENSIONS)
        .annotate(n=Sum("count"))
        .order_by()
    ):
        cumulative[_key(row, prefix="")] -= row["n"]
    _store(office, month, cumulative)


def summary_refresh(*, office, today: dt.date | None = None, rebuild: bool = False) -> int:
    """Summarise the closed months of ``office`` not yet summarised; return how many.

    ``rebuild`` drops the office's summary and counts every closed month again from the
    events (late events then move back into the month they are dated in)."""
    until = month_start(today or timezone.localdate())
    IpkSummaryState.objects.get_or_create(office=office, defaults={"frozen_until": dt.date.min})
    with transaction.atomic(), without_jit():
        state = IpkSummaryState.objects.select_for_update().get(office=office)
        if rebuild:
            IpkMonthlyCount.objects.filter(office=office).delete()
            state.frozen_until = dt.date.min
        if state.frozen_until >= until:
            return 0
        if state.frozen_until == dt.date.min:
            months = 0
            first = _events(office).order_by("occurred_on").values_list("occurred_on", flat=True)
            first_day = next(iter(first[:1]), None)
            if first_day is not None and first_day < until:
                _first_build(office, until)
                current = month_start(first_day)
                while current < until:
                    months, current = months + 1, month_start(current, months=1)
        else:
            months, current = 0, state.frozen_until
            while current < until:
                _close_month(office, current)
                months, current = months + 1, month_start(current, months=1)
        state.frozen_until = until
        state.save(update_fields=["frozen_until", "updated_at"])
        return months
