from __future__ import annotations

from django.db import models


class SchedulerRun(models.Model):
    """One row per periodic job and period ("lifecycle_daily", "2026-11-22").

    The unique pair is the cross-process lock: whichever scheduler inserts the row first
    runs the job for that period; every other scheduler (another server, a restart) sees
    the row and skips it. The jobs themselves are idempotent as well.
    """

    job = models.CharField(max_length=60)
    period = models.CharField(max_length=20)
    started_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "period"], name="scheduler_run_once")]

    def __str__(self) -> str:
        return f"{self.job} {self.period}"
