"""Background work: registration windows open and close on time, and selected
registrants who did not confirm in time are replaced from the waiting list."""

from __future__ import annotations

from django_tasks import task

from pencaker.training.services import registrations_lapse_due


@task()
def training_tick_task() -> dict[str, int]:
    """The scheduler's ``training_tick`` job (every minute; running it twice changes
    nothing)."""
    return {"replaced": registrations_lapse_due()}
