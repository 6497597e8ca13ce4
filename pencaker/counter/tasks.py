"""Background work: release called numbers whose grace time has passed."""

from __future__ import annotations

from django_tasks import task

from pencaker.counter.services import no_shows_release


@task()
def counter_release_task() -> dict[str, int]:
    """Every minute (the scheduler's ``counter_release`` job); a repeat changes nothing."""
    return {"released": no_shows_release()}
