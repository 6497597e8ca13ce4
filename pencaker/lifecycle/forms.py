"""Input shape of the lifecycle pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pencaker.core.forms import DomainErrorFormMixin
from pencaker.lifecycle.choices import DisputeDecision, PlacementArea, ReportOutcome, Sector
from pencaker.lifecycle.services import PlacementInput
from pencaker.offices.models import LifecycleSettings

PLACEMENT_FIELDS = ("employer", "position", "sector", "start_date", "area")


class PlacementFields(DomainErrorFormMixin, forms.Form):
    employer = forms.CharField(
        label=_("Company or employer"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("Use at most 200 characters.")},
    )
    position = forms.CharField(
        label=_("Job title"),
        max_length=150,
        required=False,
        error_messages={"max_length": _("Use at most 150 characters.")},
    )
    sector = forms.ChoiceField(
        label=_("Kind of business"),
        choices=[("", _("Choose…")), *Sector.choices],
        required=False,
    )
    start_date = forms.DateField(
        label=_("First day of work"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date like 2025-07-01.")},
    )
    area = forms.ChoiceField(
        label=_("Where is the job?"),
        choices=[("", _("Choose…")), *PlacementArea.choices],
        required=False,
    )

    def require_placement(self) -> None:
        messages = {
            "employer": _("Write the name of the company or employer."),
            "position": _("Write your job title, for example: shop assistant."),
            "sector": _("Choose the kind of business."),
            "start_date": _("Enter your first day of work."),
            "area": _("Choose where the job is."),
        }
        for name in PLACEMENT_FIELDS:
            if not self.cleaned_data.get(name) and name not in self.errors:
                self.add_error(name, messages[name])

    def placement(self) -> PlacementInput:
        data = self.cleaned_data
        return PlacementInput(
            employer=data["employer"],
            position=data["position"],
            sector=data["sector"],
            start_date=data["start_date"],
            area=data["area"],
        )


class PlacementForm(PlacementFields):
    def clean(self):
        cleaned = super().clean()
        self.require_placement()
        return cleaned


class ReportForm(PlacementFields):
    outcome = forms.ChoiceField(
        label=_("Your situation now"),
        choices=ReportOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you are still looking for work.")},
    )
    profile_confirmed = forms.BooleanField(
        label=_("My profile is still correct"),
        required=False,
        help_text=_("Needed if you are still looking for work. Change your profile first if not."),
    )

    field_order = ["outcome", "profile_confirmed", *PLACEMENT_FIELDS]

    def clean(self):
        cleaned = super().clean()
        outcome = cleaned.get("outcome")
        if outcome == ReportOutcome.SEEKING and not cleaned.get("profile_confirmed"):
            self.add_error(
                "profile_confirmed",
                _("Tick the box to confirm your profile, or update your profile first."),
            )
        if outcome == ReportOutcome.EMPLOYED:
            self.require_placement()
        return cleaned


class CounterReportForm(ReportForm):
    profile_confirmed = forms.BooleanField(
        label=_("The holder confirmed the profile is still correct"), required=False
    )


class SettingsForm(DomainErrorFormMixin, forms.ModelForm):
    class Meta:
        model = LifecycleSettings
        fields = [
            "window_days_before",
            "window_days_after",
            "removal_enabled",
            "removal_grace_days",
            "expiry_enabled",
        ]

    def clean(self):
        cleaned = super().clean()
        for name in ("window_days_before", "window_days_after"):
            value = cleaned.get(name)
            if value is not None and value > 90:
                self.add_error(name, _("Use at most 90 days."))
        grace = cleaned.get("removal_grace_days")
        if grace is not None and grace > 365:
            self.add_error("removal_grace_days", _("Use at most 365 days."))
        return cleaned


class DisputeForm(DomainErrorFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this job?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tell the office what is wrong.")},
    )


class DisputeResolveForm(DomainErrorFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=DisputeDecision.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Reason for the decision"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
