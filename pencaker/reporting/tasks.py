"""Nightly refresh of the IPK monthly summary (closed months only)."""

from __future__ import annotations

from django_tasks import task

from pencaker.offices.models import Office
from pencaker.reporting.summary import summary_refresh


@task()
def ipk_summarize_task() -> int:
    return sum(summary_refresh(office=office) for office in Office.objects.all())
