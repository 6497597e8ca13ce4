"""Background work: the daily expiry of vacancies past their closing date."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from pencaker.vacancies.services import vacancies_daily


@task()
def vacancies_daily_task(today: str | None = None) -> dict[str, int]:
    """The daily run (the scheduler's ``lifecycle_daily`` job enqueues it beside the
    lifecycle rules; running it twice changes nothing)."""
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    return {"expired": vacancies_daily(today=day).expired}
