"""Background work: the daily complaint rules (escalation, closing, card fixes)."""

from __future__ import annotations

from django_tasks import task

from pencaker.complaints.services import complaints_daily


@task()
def complaints_daily_task() -> dict[str, int]:
    """Enqueued by the scheduler's ``lifecycle_daily`` job (running it twice changes
    nothing)."""
    result = complaints_daily()
    return {"escalated": result.escalated, "closed": result.closed, "card_fixes": result.card_fixes}
