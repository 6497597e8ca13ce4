"""The periodic jobs, enqueued on the task queue (django-tasks has no scheduler of its own).

``pencaker run_scheduler`` calls ``scheduler_tick`` every minute; ``pencaker serve`` starts
it beside the app server and the worker. Several schedulers may run (one per server): a
``SchedulerRun`` row per job and period makes each period's job run once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from pencaker.complaints.tasks import complaints_daily_task
from pencaker.counter.tasks import counter_release_task
from pencaker.events.tasks import event_reminders_task
from pencaker.exchange.tasks import exchange_forward_task
from pencaker.lifecycle.tasks import lifecycle_daily_task
from pencaker.matching.tasks import matching_digests_task
from pencaker.notifications.tasks import retry_due_notifications
from pencaker.ops.models import SchedulerRun
from pencaker.ops.tasks import cleanup_orphans_task
from pencaker.reporting.tasks import ipk_summarize_task
from pencaker.training.tasks import training_tick_task
from pencaker.training.tasks_running import training_allowances_task
from pencaker.vacancies.tasks import vacancies_daily_task


@dataclass(frozen=True)
class Job:
    name: str
    period: Callable[[dt.datetime], str | None]  # None: not due yet in this period
    enqueue: Callable[[], object]


def _every_minute(now: dt.datetime) -> str:
    return now.strftime("%Y-%m-%dT%H:%M")


def _hourly(now: dt.datetime) -> str:
    return now.strftime("%Y-%m-%dT%H")


def _daily_after_one_am(now: dt.datetime) -> str | None:
    # Reminders and expiry run once a day, early, before the office opens.
    return now.date().isoformat() if now.hour >= 1 else None


def _notifications_retry() -> object:
    return retry_due_notifications.enqueue()


def _counter_release() -> object:
    # Called counter numbers whose grace time has passed are released (no-shows, ADR 0021).
    return counter_release_task.enqueue()


def _exchange_forward() -> object:
    # New records go to the national system when it answers; queued otherwise (ADR 0024).
    return exchange_forward_task.enqueue()


def _training_tick() -> object:
    # Registration windows open and close on time; places not confirmed in time go to the
    # next on the waiting list (ADR 0028).
    return training_tick_task.enqueue()


def _orphans_cleanup() -> object:

    return cleanup_orphans_task.enqueue()


def _training_allowances() -> object:
    # Allowance instalments due are paid, interrupted payments finished (each key pays
    # once at the gateway), follow-up surveys due are sent (ADR 0033).
    return training_allowances_task.enqueue()


def _lifecycle_daily() -> object:
    # The daily rules: the card lifecycle, and the expiry of vacancies past their closing
    # date (vacancies sits above lifecycle, so the wiring layer starts both).
    vacancies_daily_task.enqueue()
    return lifecycle_daily_task.enqueue()


def _complaints_daily() -> object:
    # Overdue complaints escalate, unanswered answers close, card fixes answer (ADR 19).
    return complaints_daily_task.enqueue()


def _matching_digests() -> object:
    # Vacancy alerts left waiting because the seeker had a digest that day go out now.
    return matching_digests_task.enqueue()


def _event_reminders() -> object:
    return event_reminders_task.enqueue()


def _ipk_summarize() -> object:

    return ipk_summarize_task.enqueue()


JOBS = [
    Job("notifications_retry", _every_minute, _notifications_retry),
    Job("counter_release", _every_minute, _counter_release),
    Job("exchange_forward", _every_minute, _exchange_forward),
    Job("training_tick", _every_minute, _training_tick),
    Job("cleanup_orphans", _hourly, _orphans_cleanup),
    Job("training_allowances", _hourly, _training_allowances),
    Job("lifecycle_daily", _daily_after_one_am, _lifecycle_daily),
    Job("complaints_daily", _daily_after_one_am, _complaints_daily),
    Job("event_reminders", _daily_after_one_am, _event_reminders),
    Job("matching_digests", _daily_after_one_am, _matching_digests),
    Job("ipk_summarize", _daily_after_one_am, _ipk_summarize),
]


def scheduler_tick(*, now: dt.datetime | None = None, jobs: list[Job] | None = None) -> list[str]:
    """Enqueue every job whose current period has not run yet; returns their names."""
    local = timezone.localtime(now or timezone.now())
    started = []
    for job in jobs or JOBS:
        period = job.period(local)
        if period is None:
            continue
        try:
            with transaction.atomic():
                SchedulerRun.objects.create(job=job.name, period=period)
                job.enqueue()
        except IntegrityError:
            continue
        started.append(job.name)
    return started
