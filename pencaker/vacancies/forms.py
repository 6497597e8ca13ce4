"""Input shape for the vacancy pages; the services check the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pencaker.core.forms import DomainErrorFormMixin
from pencaker.regions.models import Level, Region
from pencaker.seekers.choices import EducationLevel
from pencaker.vacancies.choices import (
    ApplicationStatus,
    ApplyMethod,
    EmploymentType,
    ReturnField,
    SexLimit,
)
from pencaker.vacancies.models import KbjiOccupation


def occupation_choices() -> list[tuple[str, str]]:
    rows = KbjiOccupation.objects.filter(code__regex=r"^\d{4,}$").order_by("code")
    return [("", "—")] + [(o.code, f"{o.code} – {o.title}") for o in rows]


def regency_choices() -> list[tuple[str, str]]:
    rows = Region.objects.filter(level=Level.REGENCY).order_by("name")
    return [("", "—")] + [(r.code, r.name) for r in rows]


class VacancyForm(DomainErrorFormMixin, forms.Form):
    title = forms.CharField(label=_("Job title"), max_length=150)
    occupation = forms.ChoiceField(
        label=_("Occupation (KBJI 2014)"),
        choices=(),
        help_text=_("The nearest occupation in the national list."),
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    openings = forms.IntegerField(label=_("Openings"), min_value=1, max_value=999, initial=1)
    employment_type = forms.ChoiceField(label=_("Employment type"), choices=EmploymentType.choices)
    location = forms.ChoiceField(label=_("Kabupaten/kota of the job"), choices=(), required=False)
    is_remote = forms.BooleanField(label=_("Remote work"), required=False)
    min_education = forms.ChoiceField(
        label=_("Minimum education"),
        choices=[("", _("No minimum"))] + list(EducationLevel.choices),
        required=False,
    )
    majors = forms.CharField(
        label=_("Majors"), required=False, help_text=_("Separate with commas.")
    )
    skills = forms.CharField(
        label=_("Skills"), required=False, help_text=_("Separate with commas.")
    )
    min_experience_years = forms.IntegerField(
        label=_("Years of experience"), min_value=0, max_value=50, initial=0, required=False
    )
    salary_min = forms.IntegerField(label=_("Salary from (Rp/month)"), min_value=0, required=False)
    salary_max = forms.IntegerField(label=_("Salary up to (Rp/month)"), min_value=0, required=False)
    salary_by_agreement = forms.BooleanField(label=_("Salary by agreement"), required=False)
    hours = forms.CharField(label=_("Working hours"), max_length=150, required=False)
    benefits = forms.CharField(
        label=_("Benefits"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    disability_friendly = forms.BooleanField(label=_("Disability-friendly"), required=False)
    accommodations = forms.CharField(
        label=_("Accommodations for workers with disabilities"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    closing_date = forms.DateField(
        label=_("Closing date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    apply_method = forms.ChoiceField(label=_("How to apply"), choices=ApplyMethod.choices)
    apply_address = forms.CharField(label=_("Address or link"), max_length=300, required=False)
    ak1_required = forms.BooleanField(label=_("The AK/1 card is required"), required=False)
    age_min = forms.IntegerField(label=_("Minimum age"), min_value=15, max_value=70, required=False)
    age_max = forms.IntegerField(label=_("Maximum age"), min_value=15, max_value=70, required=False)
    sex_limit = forms.ChoiceField(label=_("Sex"), choices=SexLimit.choices, required=False)
    limits_reason = forms.CharField(
        label=_("Why the job needs an age or sex limit"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Only with a real job reason; the office checks it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occupation"].choices = occupation_choices()
        self.fields["location"].choices = regency_choices()


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in ReturnField.choices:
            self.fields[f"item_{code}"] = forms.CharField(
                label=label, required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def items(self) -> list[tuple[str, str]]:
        return [
            (code, self.cleaned_data.get(f"item_{code}", "").strip())
            for code in ReturnField.values
            if self.cleaned_data.get(f"item_{code}", "").strip()
        ]


EMPLOYER_STEPS = [
    (s.value, s.label)
    for s in ApplicationStatus
    if s not in (ApplicationStatus.RECEIVED, ApplicationStatus.WITHDRAWN)
]


class ApplicationUpdateForm(DomainErrorFormMixin, forms.Form):
    to = forms.ChoiceField(
        label=_("Next step"), choices=[("", "—")] + EMPLOYER_STEPS, required=False
    )
    message = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    interview_at = forms.DateTimeField(
        label=_("Interview date and time"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    interview_place = forms.CharField(label=_("Interview place or link"), required=False)
    start_date = forms.DateField(
        label=_("Start date (when hired)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    position = forms.CharField(label=_("Position (when hired)"), required=False, max_length=150)
    note = forms.CharField(
        label=_("Private note (only your organisation sees it)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class HireReportForm(DomainErrorFormMixin, forms.Form):
    card_number = forms.CharField(label=_("AK/1 card number"), max_length=30)
    birth_date = forms.DateField(
        label=_("Holder's birth date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date like 2000-03-10.")},
    )
    position = forms.CharField(label=_("Job title"), max_length=150)
    start_date = forms.DateField(
        label=_("First day of work"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date like 2025-07-01.")},
    )
    employment_type = forms.ChoiceField(label=_("Employment type"), choices=EmploymentType.choices)
