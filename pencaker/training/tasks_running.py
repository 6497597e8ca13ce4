"""Background work after a wave: follow-up surveys that are due go out through the outbox,
and allowance instalments that are due are paid (or a payment a crash interrupted is
finished; see ``allowances``)."""

from __future__ import annotations

from django_tasks import task

from pencaker.training.allowances import instalments_pay_due
from pencaker.training.services_running import follow_ups_send_due


@task()
def training_allowances_task() -> dict[str, int]:
    """The scheduler's ``training_allowances`` job (hourly; running it twice pays nothing
    twice)."""
    counts = instalments_pay_due()
    counts["follow_ups_sent"] = follow_ups_send_due()
    return counts
