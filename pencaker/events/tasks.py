"""Background work: the reminder the day before an event."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from pencaker.events.services import event_reminders_send


@task()
def event_reminders_task(today: str | None = None) -> dict[str, int]:
    """The daily run (the scheduler's ``lifecycle_daily`` job enqueues it; running it twice
    sends nothing twice)."""
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    return {"reminded": event_reminders_send(today=day)}
