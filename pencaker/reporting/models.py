"""Reporting's own tables: the monthly IPK summary of closed months.

``reporting`` only reads the other apps' tables. These two tables are derived data: they
can be dropped and rebuilt from ``lifecycle.SeekerEvent`` at any time (``pencaker
ipk_summarize --rebuild``). See docs/adr/0010-ipk-from-events.md.
"""

from __future__ import annotations

from django.db import models


class IpkMonthlyCount(models.Model):
    """How many events of one kind one group of job seekers had in one closed month.

    The dimensions are every attribute any IPK form groups by, so III/1 (age group × sex),
    III/2 (education × sex) and III/8 (placement area × sex) all read this one table and
    their cost grows with the number of groups and months, not with the number of events.
    ``count`` may include events recorded after the month closed but dated earlier (they
    land in the first month summarised after they were recorded), so a closed month never
    changes.
    """

    office = models.ForeignKey("offices.Office", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # first day of the month
    kind = models.CharField(max_length=12)
    sex = models.CharField(max_length=1)
    age_group = models.CharField(max_length=5, blank=True)
    education_level = models.CharField(max_length=10, blank=True)
    placement_area = models.CharField(max_length=4, blank=True)
    count = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "office",
                    "month",
                    "kind",
                    "sex",
                    "age_group",
                    "education_level",
                    "placement_area",
                ],
                name="ipk_monthly_count_unique_group",
            )
        ]

    def __str__(self) -> str:
        return f"{self.office_id} {self.month:%Y-%m} {self.kind} {self.sex}: {self.count}"


class IpkSummaryState(models.Model):
    """Per office: every month before ``frozen_until`` is summarised in IpkMonthlyCount."""

    office = models.OneToOneField(
        "offices.Office", on_delete=models.CASCADE, related_name="+", primary_key=True
    )
    frozen_until = models.DateField()  # first day of the first month not summarised
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.office_id} frozen until {self.frozen_until:%Y-%m}"
