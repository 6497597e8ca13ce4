from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _


def default_required_documents() -> list[str]:
    return ["ktp", "photo", "ijazah"]


class Office(models.Model):
    """A Dinas Tenaga Kerja (one per kabupaten/kota). Several may share one installation;
    staff see only their own office's data."""

    code = models.CharField(_("code"), max_length=13, unique=True)
    name = models.CharField(_("name"), max_length=200)
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="offices", null=True, blank=True
    )
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    letterhead_line1 = models.CharField(max_length=200, blank=True)
    letterhead_line2 = models.CharField(max_length=200, blank=True)
    signer_name = models.CharField(_("signing official"), max_length=120, blank=True)
    signer_nip = models.CharField(_("signing official NIP"), max_length=18, blank=True)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), default=18)
    required_documents = models.JSONField(default=default_required_documents)
    work_start = models.TimeField(default=dt.time(8, 0))
    work_end = models.TimeField(default=dt.time(16, 0))
    sla_working_days = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OfficeClosure(models.Model):
    """A day the office is closed besides weekends, national holidays and cuti bersama
    (e.g. a regional holiday or a move). Closed days do not count towards the SLA."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="closures")
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["office", "date"], name="office_closure_unique_day")
        ]

    def __str__(self) -> str:
        return f"{self.office} {self.date:%Y-%m-%d}"
