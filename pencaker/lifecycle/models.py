"""The card lifecycle: the event log the IPK reports read, office rules, reports, placements.

Counting rule (``SeekerEvent``): the number of registered job seekers of an office is
``registered`` minus ``placed``, ``removed`` and ``expired``. ``reported`` and ``renewed``
are recorded for the timeline and change no count.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pencaker.core.models import AppendOnlyModel as AppendOnly
from pencaker.lifecycle.choices import (
    AgeGroup,
    DisputeStatus,
    EventKind,
    PlacementArea,
    PlacementSource,
    ReportChannel,
    ReportOutcome,
    Sector,
)


class SeekerEvent(AppendOnly):
    """One row per event in a job seeker's registration, append-only.

    The attributes the IPK reports group by (sex, age group, education, placement area)
    are FROZEN at the event, so a closed month never changes when a profile is edited or
    a card changes later. ``occurred_on`` is the day the event was applied (a report, a
    placement, the daily rules), never a date typed in the past, for the same reason.

    Semantics (what counts as a registration):

    - ``registered``: a card was issued for a NEW registration: a card with a new number,
      or any card issued to a holder whose previous registration had ended.
    - ``placed`` / ``removed`` / ``expired``: end the registration (placed: the holder
      started work; removed (dihapuskan): a report was missed beyond the grace period;
      expired: two years passed). Exactly one ending event closes a registration.
    - ``renewed``: a renewal issued a new card version while the registration was still
      open: the previous card is current, or its two years have passed but the daily task
      has not yet applied the expiry (it runs once a day, so "just expired" means
      "expired on paper, not yet in the register"). That is NOT a new registration.
      A renewal after the expiry was applied (an ``expired`` event exists) is a new
      registration and is recorded as ``registered``: the holder left the register and
      came back, which is what IPK III/1 column 2 counts.
    - ``reported``: a 6-monthly report (still seeking). Count-neutral.
    """

    office = models.ForeignKey("offices.Office", on_delete=models.PROTECT, related_name="+")
    card = models.ForeignKey(
        "cards.Card", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="seeker_events"
    )
    kind = models.CharField(max_length=12, choices=EventKind.choices)
    occurred_on = models.DateField()
    sex = models.CharField(max_length=1, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    age_group = models.CharField(max_length=5, choices=AgeGroup.choices, blank=True)
    education_level = models.CharField(max_length=3, blank=True)
    placement_area = models.CharField(max_length=4, choices=PlacementArea.choices, blank=True)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_on", "id"]
        indexes = [
            models.Index(fields=["office", "occurred_on", "kind"], name="seeker_event_office_day"),
            models.Index(fields=["holder", "occurred_on"], name="seeker_event_holder_day"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in EventKind]),
                name="seeker_event_kind_known",
            ),
            models.CheckConstraint(
                condition=models.Q(sex__in=["M", "F", ""]), name="seeker_event_sex_known"
            ),
            models.CheckConstraint(
                condition=models.Q(placement_area="") | models.Q(kind=EventKind.PLACED),
                name="seeker_event_area_only_placed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.kind} {self.holder_id}"


class Report(AppendOnly):
    """A 6-monthly report (lapor) on a card: report ``number`` 1, 2 or 3 of the card period
    that starts on ``period_start`` (the issue date printed on the card)."""

    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ak1_reports"
    )
    office = models.ForeignKey("offices.Office", on_delete=models.PROTECT, related_name="+")
    card_number = models.CharField(max_length=20)
    period_start = models.DateField()
    number = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    reported_on = models.DateField()
    outcome = models.CharField(max_length=10, choices=ReportOutcome.choices)
    channel = models.CharField(max_length=8, choices=ReportChannel.choices)
    officer_name = models.CharField(max_length=150, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["reported_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["card_number", "period_start", "number"], name="report_once_per_due"
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1) & models.Q(number__lte=3),
                name="report_number_1_to_3",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.card_number} report {self.number} on {self.reported_on}"


class Placement(AppendOnly):
    """A holder started work (reported by the holder or recorded by an operator)."""

    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ak1_placements"
    )
    office = models.ForeignKey("offices.Office", on_delete=models.PROTECT, related_name="+")
    card = models.ForeignKey("cards.Card", on_delete=models.PROTECT, related_name="+")
    employer = models.CharField(_("employer"), max_length=200)
    position = models.CharField(_("position"), max_length=150)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    start_date = models.DateField(_("start date"))
    area = models.CharField(_("where the job is"), max_length=4, choices=PlacementArea.choices)
    source = models.CharField(max_length=8, choices=PlacementSource.choices)
    reported_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["reported_on", "id"]

    def __str__(self) -> str:
        return f"{self.holder_id} at {self.employer} from {self.start_date}"


class PlacementDispute(models.Model):
    """The holder says a placement an employer reported is wrong; an operator of the card's
    office resolves it: uphold (the placement stays) or annul (the card is re-issued
    active, without the placement line). The placement row itself is never changed."""

    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="disputes")
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="placement_disputes"
    )
    office = models.ForeignKey("offices.Office", on_delete=models.PROTECT, related_name="+")
    card_number = models.CharField(max_length=20)
    reason = models.CharField(_("reason"), max_length=500)
    status = models.CharField(
        max_length=8, choices=DisputeStatus.choices, default=DisputeStatus.OPEN
    )
    opened_on = models.DateField()
    resolved_on = models.DateField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution_note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["opened_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["placement"], name="placement_dispute_once"),
        ]

    def __str__(self) -> str:
        return f"dispute {self.pk} of placement {self.placement_id} ({self.status})"
