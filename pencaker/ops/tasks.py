"""Periodic-ish clean-up through the task queue (django-tasks has no scheduler).

``schedule_orphans_cleanup()`` (called by ``pencaker cleanup_orphans --schedule``, or once
at deployment) enqueues the task; each run enqueues the next one ``INTERVAL`` later unless
a later run is already waiting, so the chain never forks into duplicates.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from pencaker.ops.orphans import orphans_cleanup

INTERVAL = timedelta(hours=1)
TASK_PATH = "pencaker.ops.tasks.cleanup_orphans_task"


def _next_run_waiting() -> bool:
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another task backend: it schedules on its own
        return True
    return DBTaskResult.objects.filter(
        task_path=TASK_PATH, status="READY", run_after__gt=timezone.now()
    ).exists()


def schedule_orphans_cleanup(*, delay: timedelta = INTERVAL) -> bool:
    """Enqueue the next clean-up run unless one is already waiting. True if enqueued."""
    from django.conf import settings

    if "DatabaseBackend" not in str(settings.TASKS["default"]["BACKEND"]):
        return False
    if _next_run_waiting():
        return False
    cleanup_orphans_task.using(run_after=timezone.now() + delay).enqueue()
    return True


@task()
def cleanup_orphans_task() -> dict:

    result = orphans_cleanup()
    schedule_orphans_cleanup()
    return {"orphans": len(result.orphans), "temp_files": len(result.temp_files)}
