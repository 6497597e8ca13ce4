"""Input shapes of the complaint pages (the services validate; these give Indonesian
messages for every field)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pencaker.complaints.choices import (
    STAFF_CHANNELS,
    Category,
    ContactChannel,
    DeclineReason,
    Privacy,
    Tier,
)
from pencaker.core.forms import DomainErrorFormMixin

_REQUIRED = {"required": _("Please fill in this field.")}
_CHOICE = {
    "required": _("Please choose one."),
    "invalid_choice": _("Please choose one of the options."),
}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe); the services check them."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ComplaintForm(DomainErrorFormMixin, forms.Form):
    office = forms.ChoiceField(label=_("Office"), error_messages=_CHOICE)
    category = forms.ChoiceField(
        label=_("What is the complaint about?"), choices=Category.choices, error_messages=_CHOICE
    )
    text = forms.CharField(
        label=_("What happened?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={**_REQUIRED, "max_length": _("Write at most 5000 characters.")},
    )
    privacy = forms.ChoiceField(
        label=_("Your identity"),
        choices=Privacy.choices,
        widget=forms.RadioSelect,
        initial=Privacy.ANONYMOUS,
        error_messages=_CHOICE,
    )
    name = forms.CharField(
        label=_("Your name (confidential complaints only)"),
        required=False,
        max_length=150,
        error_messages={"max_length": _("Write at most 150 characters.")},
    )
    contact_channel = forms.ChoiceField(
        label=_("Send me news by"),
        choices=ContactChannel.choices,
        required=False,
        error_messages=_CHOICE,
    )
    contact = forms.CharField(
        label=_("Email address or mobile number"),
        required=False,
        max_length=254,
        error_messages={"max_length": _("Write at most 254 characters.")},
    )
    attachments = MultipleFileField(
        label=_("Attachments (at most 3: photo or PDF)"),
        required=False,
        error_messages={"invalid": _("Choose the files again.")},
    )

    def __init__(self, *args, offices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].choices = [(str(o.pk), o.name) for o in offices]
        if len(self.fields["office"].choices) == 1:
            self.fields["office"].initial = self.fields["office"].choices[0][0]


class StaffComplaintForm(ComplaintForm):
    channel = forms.ChoiceField(
        label=_("Received by"),
        choices=[(c.value, c.label) for c in STAFF_CHANNELS],
        error_messages=_CHOICE,
    )
    named_staff = forms.ChoiceField(
        label=_("Staff member the complaint is about"), required=False, error_messages=_CHOICE
    )

    def __init__(self, *args, staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["named_staff"].choices = [("", _("Nobody named"))] + [
            (str(u.pk), u.full_name or u.email) for u in staff
        ]
        self.order_fields(["channel"])


class TrackForm(forms.Form):
    number = forms.CharField(label=_("Complaint number"), max_length=24, error_messages=_REQUIRED)
    secret = forms.CharField(label=_("Secret code"), max_length=40, error_messages=_REQUIRED)


class ReopenForm(DomainErrorFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why did the answer not solve it?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={**_REQUIRED, "max_length": _("Write at most 5000 characters.")},
    )


class RateForm(DomainErrorFormMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How good was the answer? (1 poor – 4 very good)"),
        choices=[(i, str(i)) for i in range(1, 5)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages=_CHOICE,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"max_length": _("Write at most 1000 characters.")},
    )


class VerifyForm(DomainErrorFormMixin, forms.Form):
    tier = forms.ChoiceField(label=_("Tier"), choices=Tier.choices, error_messages=_CHOICE)
    named_staff = forms.ChoiceField(
        label=_("Staff member the complaint is about"), required=False, error_messages=_CHOICE
    )

    def __init__(self, *args, staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["named_staff"].choices = [("", _("Nobody named"))] + [
            (str(u.pk), u.full_name or u.email) for u in staff
        ]


class DeclineForm(DomainErrorFormMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"), choices=DeclineReason.choices, error_messages=_CHOICE
    )
    note = forms.CharField(
        label=_("Agency referred to, or explanation"),
        required=False,
        max_length=300,
        error_messages={"max_length": _("Write at most 300 characters.")},
    )
    duplicate_of = forms.CharField(
        label=_("Number of the earlier complaint"),
        required=False,
        max_length=24,
        error_messages={"max_length": _("Write at most 24 characters.")},
    )


class AssignForm(DomainErrorFormMixin, forms.Form):
    unit = forms.CharField(
        label=_("Unit"),
        required=False,
        max_length=150,
        error_messages={"max_length": _("Write at most 150 characters.")},
    )
    assignee = forms.ChoiceField(label=_("Officer"), required=False, error_messages=_CHOICE)

    def __init__(self, *args, staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", _("No single officer"))] + [
            (str(u.pk), u.full_name or u.email) for u in staff
        ]


class AnswerForm(DomainErrorFormMixin, forms.Form):
    answer = forms.CharField(
        label=_("Answer"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={**_REQUIRED, "max_length": _("Write at most 5000 characters.")},
    )
    action_taken = forms.CharField(
        label=_("What was done"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"max_length": _("Write at most 5000 characters.")},
    )
    publishable = forms.BooleanField(label=_("Publish an anonymised answer"), required=False)
    published_answer = forms.CharField(
        label=_("Anonymised answer to publish (no names)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"max_length": _("Write at most 5000 characters.")},
    )


class ExtendForm(DomainErrorFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for the extension (the complainant reads it)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={**_REQUIRED, "max_length": _("Write at most 2000 characters.")},
    )


def _days_field(label, maximum: int) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=1,
        max_value=maximum,
        error_messages={
            "required": _("Please fill in this field."),
            "invalid": _("Write a whole number."),
            "min_value": _("At least 1 day."),
            "max_value": _("At most %(limit_value)s days."),
        },
    )


class SettingsForm(DomainErrorFormMixin, forms.Form):
    verify_days = _days_field(_("Verified within (working days)"), 30)
    light_days = _days_field(_("Light: answered within (working days)"), 120)
    normative_days = _days_field(_("Normative: answered within (working days)"), 120)
    other_days = _days_field(_("Other: answered within (working days)"), 120)
    investigation_days = _days_field(_("Investigation: answered within (working days)"), 120)
    close_after_days = _days_field(_("Closed without reply after (calendar days)"), 90)
