import datetime as dt

import pytest
from django.utils import timezone

from pencaker.ops.models import SchedulerRun
from pencaker.ops.scheduler import Job, scheduler_tick

pytestmark = pytest.mark.django_db


def _jobs(calls):
    return [
        Job("minute", lambda now: now.strftime("%H:%M"), lambda: calls.append("minute")),
        Job(
            "daily",
            lambda now: now.date().isoformat() if now.hour >= 1 else None,
            lambda: calls.append("daily"),
        ),
    ]


def at(hour, minute=0):
    return timezone.make_aware(dt.datetime(2026, 11, 23, hour, minute))


def test_each_period_runs_once_even_when_two_schedulers_tick():
    calls = []
    scheduler_tick(now=at(2), jobs=_jobs(calls))
    scheduler_tick(now=at(2), jobs=_jobs(calls))  # a second server, same minute
    scheduler_tick(now=at(2, 1), jobs=_jobs(calls))
    assert calls == ["minute", "daily", "minute"]
    assert SchedulerRun.objects.filter(job="daily").count() == 1


def test_daily_job_waits_until_one_am():
    calls = []
    assert scheduler_tick(now=at(0, 30), jobs=_jobs(calls)) == ["minute"]
    assert scheduler_tick(now=at(1, 0), jobs=_jobs(calls)) == ["minute", "daily"]


def test_real_jobs_enqueue_on_the_task_queue():
    started = scheduler_tick(now=at(3))
    assert started == [
        "notifications_retry",
        "counter_release",
        "exchange_forward",
        "training_tick",
        "cleanup_orphans",
        "training_allowances",
        "lifecycle_daily",
        "complaints_daily",
        "event_reminders",
        "matching_digests",
        "ipk_summarize",
    ]
    assert scheduler_tick(now=at(3)) == []


@pytest.mark.django_db(transaction=True)
def test_two_hosts_ticking_at_the_same_moment_enqueue_each_job_once():
    # Two schedulers (two app hosts, each its own connection) tick in the same instant: the
    # unique SchedulerRun row is the lock, the loser's insert fails and it skips the job.
    import threading

    from django.db import connection

    calls: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(2)
    results: list[list[str]] = []
    errors: list[BaseException] = []

    def record():
        with lock:
            calls.append("minute")

    jobs = [Job("minute", lambda now: now.strftime("%H:%M"), record)]

    def host():
        try:
            barrier.wait(timeout=10)
            results.append(scheduler_tick(now=at(4), jobs=jobs))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=host) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert calls == ["minute"]
    assert sorted(results) == [[], ["minute"]]
    assert SchedulerRun.objects.filter(job="minute").count() == 1
