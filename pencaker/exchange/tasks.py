"""Background work of the exchange app: forward records to the central system."""

from __future__ import annotations

from django_tasks import task

from pencaker.exchange.forwarder import forward_run


@task()
def exchange_forward_task() -> str:
    result = forward_run()
    return f"sent {result.sent}, failed {result.failed}"
