"""Background work: the daily lifecycle rules."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from pencaker.lifecycle.services import lifecycle_daily, lifecycle_daily_local


@task()
def lifecycle_daily_task(today: str | None = None) -> dict[str, int]:
    """The daily run (schedule it once a day; running it twice changes nothing)."""
    if today:
        return lifecycle_daily(today=dt.date.fromisoformat(today)).as_dict()
    # Each office on its own date (ADR 0031).
    return lifecycle_daily_local().as_dict()
