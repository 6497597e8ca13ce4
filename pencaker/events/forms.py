"""Input shape for the event pages; the services check the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pencaker.core.forms import DomainErrorFormMixin
from pencaker.events.choices import EventKind
from pencaker.vacancies.choices import EmploymentType

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def _when(label):
    return forms.DateTimeField(
        label=label,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": _("Enter the date and time."),
            "invalid": _("Enter a date and time like 2026-07-01 09:00."),
        },
    )


class EventForm(DomainErrorFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=EventKind.choices,
        error_messages={"required": _("Choose the kind of event.")},
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=150,
        error_messages={"required": _("Write a title of 3 to 150 characters.")},
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    starts_at = _when(_("Starts at"))
    ends_at = _when(_("Ends at"))
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_link = forms.CharField(
        label=_("Online link"),
        max_length=300,
        required=False,
        help_text=_("For an online session, a link that starts with https://."),
    )
    quota = forms.IntegerField(
        label=_("Quota"),
        min_value=0,
        max_value=100_000,
        initial=0,
        help_text=_("How many can register; 0 = no limit. The rest join the waiting list."),
        error_messages={
            "required": _("Enter a quota from 0 (no limit) to 100,000."),
            "invalid": _("Enter a quota from 0 (no limit) to 100,000."),
            "min_value": _("Enter a quota from 0 (no limit) to 100,000."),
            "max_value": _("Enter a quota from 0 (no limit) to 100,000."),
        },
    )


class EmployersForm(forms.Form):
    organisations = forms.MultipleChoiceField(
        label=_("Participating employers"), required=False, widget=forms.CheckboxSelectMultiple
    )
    vacancies = forms.MultipleChoiceField(
        label=_("Their vacancies at the event"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, organisations=(), vacancies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].choices = [(o.pk, o.legal_name) for o in organisations]
        self.fields["vacancies"].choices = [
            (v.pk, f"{v.title} – {v.organisation.legal_name}") for v in vacancies
        ]
        self.fields["organisations"].error_messages["invalid_choice"] = _(
            "Choose verified employers only."
        )
        self.fields["vacancies"].error_messages["invalid_choice"] = _(
            "Choose published vacancies of the chosen employers."
        )


class CheckinForm(DomainErrorFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Ticket code"),
        max_length=600,
        help_text=_("The 8 characters under the QR code (e.g. K7QM-3XPD), or the scanned link."),
        error_messages={"required": _("Type the 8 characters under the QR code.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class FairHireForm(DomainErrorFormMixin, forms.Form):
    position = forms.CharField(
        label=_("Job title"),
        max_length=150,
        error_messages={"required": _("Write the job title.")},
    )
    start_date = forms.DateField(
        label=_("First day of work"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Enter the first day of work."),
            "invalid": _("Enter a date like 2025-07-01."),
        },
    )
    employment_type = forms.ChoiceField(
        label=_("Employment type"),
        choices=EmploymentType.choices,
        error_messages={"required": _("Choose the employment type.")},
    )
