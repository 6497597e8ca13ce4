"""Input shape for the training pages; the services check the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pencaker.core.forms import DomainErrorFormMixin
from pencaker.documents.choices import DocumentKind
from pencaker.seekers.choices import EducationLevel
from pencaker.training.choices import Mode, PriorityGroup, ProviderKind, Rule, SelectionMethod

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProgrammeForm(DomainErrorFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    competence_code = forms.CharField(
        label=_("SKKNI unit code"),
        max_length=40,
        required=False,
        help_text=_("For example C.10MTK00.001.1; leave empty and describe it below."),
    )
    competence_text = forms.CharField(label=_("Competence"), max_length=300, required=False)
    kind = forms.CharField(
        label=_("Kind of programme"),
        max_length=80,
        required=False,
        help_text=_("Programmes of the same kind count together for the repeat rule."),
    )
    provider_kind = forms.ChoiceField(label=_("Provider"), choices=ProviderKind.choices)
    provider_name = forms.CharField(label=_("Provider name"), max_length=200)
    mode = forms.ChoiceField(label=_("Mode"), choices=Mode.choices)
    place = forms.CharField(label=_("Place or link"), max_length=300, required=False)
    has_certificate = forms.BooleanField(label=_("Certificate on completion"), required=False)
    has_allowance = forms.BooleanField(label=_("An allowance is paid"), required=False)
    benefits = forms.CharField(
        label=_("Other benefits"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    required_documents = forms.MultipleChoiceField(
        label=_("Required documents"),
        choices=DocumentKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=120, required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=40, required=False)
    contact_email = forms.EmailField(label=_("Contact email"), required=False)
    rules = forms.MultipleChoiceField(
        label=_("Eligibility rules"),
        choices=Rule.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    age_min = forms.IntegerField(label=_("Minimum age"), min_value=15, max_value=70, initial=18)
    age_max = forms.IntegerField(label=_("Maximum age"), min_value=15, max_value=70, required=False)
    min_education = forms.ChoiceField(
        label=_("Minimum education"),
        choices=[("", _("No minimum"))] + list(EducationLevel.choices),
        required=False,
    )
    repeat_years = forms.IntegerField(
        label=_("Years before the same kind again"), min_value=1, max_value=10, initial=2
    )
    priority_groups = forms.MultipleChoiceField(
        label=_("Priority groups"),
        choices=PriorityGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    priority_office_label = forms.CharField(
        label=_("Name of the group the office names"), max_length=150, required=False
    )
    asks_motivation = forms.BooleanField(label=_("Ask for a motivation statement"), required=False)
    asks_score = forms.BooleanField(label=_("Record a basic test score"), required=False)


class WaveForm(DomainErrorFormMixin, forms.Form):
    opens_at = forms.DateTimeField(label=_("Registration opens"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("Registration closes"), widget=DATETIME)
    starts_on = forms.DateField(label=_("Training starts"), widget=DATE, required=False)
    ends_on = forms.DateField(label=_("Training ends"), widget=DATE, required=False)
    quota = forms.IntegerField(label=_("Places"), min_value=1, max_value=10000)
    priority_quota = forms.IntegerField(
        label=_("Priority places"), min_value=0, max_value=10000, initial=0
    )
    method = forms.ChoiceField(label=_("Selection method"), choices=SelectionMethod.choices)
    confirm_days = forms.IntegerField(
        label=_("Days to confirm a place"), min_value=1, max_value=30, initial=3
    )


class SessionForm(DomainErrorFormMixin, forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    start_time = forms.TimeField(label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("Ends"), widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(label=_("Place or link"), max_length=300, required=False)
    topic = forms.CharField(label=_("Topic"), max_length=200, required=False)


class RegisterForm(DomainErrorFormMixin, forms.Form):
    declared = forms.BooleanField(required=False)
    priority_group = forms.ChoiceField(label=_("Priority group"), choices=(), required=False)
    priority_document = forms.TypedChoiceField(
        label=_("Your PHK letter (uploaded document)"), choices=(), coerce=int, required=False
    )
    motivation = forms.CharField(
        label=_("Why do you want to join? (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=100, required=False)

    def __init__(self, *args, priority_choices=(), documents=(), declaration="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority_group"].choices = [("", _("None"))] + list(priority_choices)
        self.fields["priority_document"].choices = [("", "—")] + [
            (d.pk, str(d.get_kind_display())) for d in documents
        ]
        self.fields["declared"].label = declaration
        if not declaration:
            del self.fields["declared"]
        if not priority_choices:
            del self.fields["priority_group"]
            del self.fields["priority_document"]
