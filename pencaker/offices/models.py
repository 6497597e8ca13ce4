from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import models
from django.utils.translation import gettext_lazy as _

from pencaker.offices.choices import DefaultReturnReason, OfficeKind, OfficeTimeZone


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
    whatsapp = models.CharField(_("WhatsApp number"), max_length=40, blank=True, default="")
    counter_hours = models.CharField(_("counter hours"), max_length=200, blank=True, default="")
    map_url = models.URLField(_("map link"), max_length=500, blank=True, default="")
    letterhead_line1 = models.CharField(max_length=200, blank=True)
    letterhead_line2 = models.CharField(max_length=200, blank=True)
    signer_name = models.CharField(_("signing official"), max_length=120, blank=True)
    signer_nip = models.CharField(_("signing official NIP"), max_length=18, blank=True)
    signer_title = models.CharField(
        _("signing official's title"), max_length=200, blank=True, default=""
    )
    #: Short hash of the uploaded logo (``OfficeLogo``), part of its URL; blank = none.
    logo_version = models.CharField(max_length=16, blank=True, default="")
    min_age = models.PositiveSmallIntegerField(_("minimum age"), default=18)
    required_documents = models.JSONField(default=default_required_documents)
    work_start = models.TimeField(default=dt.time(8, 0))
    work_end = models.TimeField(default=dt.time(16, 0))
    sla_working_days = models.PositiveSmallIntegerField(default=1)
    #: The office's clock (ADR 0031): its SLA, the dates on its cards, its report months
    #: and its reminders. Proposed from the province code when the office is created.
    time_zone = models.CharField(
        _("time zone"), max_length=40, choices=OfficeTimeZone.choices, default=OfficeTimeZone.WIB
    )
    #: A province office (code ``"16"``) reads the figures of the kabupaten/kota offices
    #: whose codes start with its code; it serves no citizen itself.
    kind = models.CharField(
        _("kind"), max_length=10, choices=OfficeKind.choices, default=OfficeKind.KABKOTA
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone or OfficeTimeZone.WIB)

    @property
    def is_province(self) -> bool:
        return self.kind == OfficeKind.PROVINCE


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


class LifecycleSettings(models.Model):
    """An office's reporting and removal rules (defaults apply while no row exists).

    Moved from lifecycle (issue 10); the table keeps its name."""

    office = models.OneToOneField(
        Office, on_delete=models.CASCADE, related_name="lifecycle_settings"
    )
    window_days_before = models.PositiveSmallIntegerField(
        _("report window opens (days before the due date)"), default=30
    )
    window_days_after = models.PositiveSmallIntegerField(
        _("report window closes (days after the due date)"), default=30
    )
    removal_enabled = models.BooleanField(_("remove holders who miss a report"), default=True)
    removal_grace_days = models.PositiveSmallIntegerField(
        _("grace period after the window before removal (days)"), default=60
    )
    expiry_enabled = models.BooleanField(_("expire cards after two years"), default=True)

    class Meta:
        db_table = "lifecycle_lifecyclesettings"
        verbose_name = _("lifecycle settings")
        verbose_name_plural = _("lifecycle settings")

    def __str__(self) -> str:
        return f"lifecycle settings of {self.office_id}"


class ReturnReason(models.Model):
    """One entry of an office's list of reasons to return an application for changes.

    Seeded with the defaults in ``choices.DefaultReturnReason`` (label left blank: the
    built-in, translated label is shown); the admin dinas may rename, add and deactivate
    entries. Deactivated reasons stay so that old returns keep their meaning. Moved from
    applications (issue 10); the table keeps its name.
    """

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="ak1_return_reasons")
    code = models.SlugField(_("code"), max_length=20)
    label = models.CharField(_("label"), max_length=200, blank=True, default="")
    active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(default=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "applications_returnreason"
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["office", "code"], name="return_reason_code_unique")
        ]

    def __str__(self) -> str:
        return self.display

    @property
    def display(self) -> str:
        if self.label:
            return self.label
        if self.code in DefaultReturnReason.values:
            return str(DefaultReturnReason(self.code).label)
        return self.code


class OfficeLogo(models.Model):
    """The logo uploaded from the settings screen (checked and re-encoded by the documents
    app's image checks). Kept in the database: every server of the installation serves it
    at once, no shared media folder or restart needed."""

    office = models.OneToOneField(Office, on_delete=models.CASCADE, related_name="uploaded_logo")
    data = models.BinaryField()
    content_type = models.CharField(max_length=40)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"logo of {self.office_id}"
