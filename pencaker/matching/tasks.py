"""Background work of matching: the alert run of a published vacancy and the digests."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from pencaker.matching.alerts import digests_send, vacancy_alerts_run


@task()
def vacancy_alerts_task(vacancy_id: int) -> dict[str, int]:
    """Enqueued after a vacancy's publish commits; running it twice sends nothing twice."""
    matched = vacancy_alerts_run(vacancy_id=vacancy_id)
    result = digests_send()
    return {"matched": matched, "sent": result.sent, "waiting": result.waiting}


@task()
def matching_digests_task(today: str | None = None) -> dict[str, int]:
    result = digests_send(day=dt.date.fromisoformat(today) if today else None)
    return {"sent": result.sent, "waiting": result.waiting}
