"""Background work: the daily lifecycle rules."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from pencaker.lifecycle.services import lifecycle_daily


@task()
def lifecycle_daily_task(today: str | None = None) -> dict[str, int]:
    """The daily run (schedule it once a day; running it twice changes nothing)."""
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    return lifecycle_daily(today=day).as_dict()
