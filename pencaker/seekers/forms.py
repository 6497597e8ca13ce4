"""Input shape for the profile pages. The rules themselves live in ``rules`` and run in
the services, so a form only parses what was typed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pencaker.core.forms import DomainErrorFormMixin
from pencaker.seekers.choices import (
    EducationLevel,
    LanguageLevel,
    MaritalStatus,
    Religion,
    Sex,
)

DATE_INPUTS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"]
_BLANK = [("", _("— choose —"))]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _date_field(label, *, required: bool = False, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUTS,
        widget=DateInput(),
        help_text=help_text,
        error_messages={
            "invalid": _("Please enter a real date, for example 31-12-1999."),
            "required": _("Please enter the date."),
        },
    )


def _year_field(label) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=9999,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Please write the year with 4 digits, for example 2020."),
            "required": _("Please write the year with 4 digits, for example 2020."),
            "min_value": _("Please write the year with 4 digits, for example 2020."),
            "max_value": _("Please write the year with 4 digits, for example 2020."),
        },
    )


class IdentityForm(DomainErrorFormMixin, forms.Form):
    nik = forms.CharField(
        label=_("NIK"),
        required=False,
        max_length=30,
        help_text=_("The 16-digit number on your KTP (identity card)."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    full_name = forms.CharField(
        label=_("Name as on the KTP"),
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    birth_place = forms.CharField(label=_("Place of birth"), required=False, max_length=100)
    birth_date = _date_field(_("Date of birth"))
    sex = forms.ChoiceField(label=_("Sex"), required=False, choices=_BLANK + Sex.choices)
    marital_status = forms.ChoiceField(
        label=_("Marital status"), required=False, choices=_BLANK + MaritalStatus.choices
    )
    religion = forms.ChoiceField(
        label=_("Religion"), required=False, choices=_BLANK + Religion.choices
    )


class AddressForm(DomainErrorFormMixin, forms.Form):
    address_line = forms.CharField(
        label=_("Street and house number"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    rt = forms.CharField(
        label=_("RT"),
        required=False,
        max_length=3,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    rw = forms.CharField(
        label=_("RW"),
        required=False,
        max_length=3,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    postal_code = forms.CharField(
        label=_("Postal code"),
        required=False,
        max_length=5,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )


class ContactForm(DomainErrorFormMixin, forms.Form):
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=30,
        help_text=_("For example 0812 3456 7890. The office uses it to reach you."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel", "type": "tel"}),
        error_messages={
            "required": _("Please write your mobile number, for example 0812 3456 7890.")
        },
    )


class EducationForm(DomainErrorFormMixin, forms.Form):
    level = forms.ChoiceField(
        label=_("Level"),
        choices=_BLANK + EducationLevel.choices,
        error_messages={"required": _("Please choose the level of education.")},
    )
    institution = forms.CharField(
        label=_("School or institution"),
        max_length=200,
        error_messages={"required": _("Please write the name of the school or institution.")},
    )
    major = forms.CharField(
        label=_("Major"),
        required=False,
        max_length=150,
        help_text=_("For example IPA, Akuntansi or Teknik Mesin. Leave empty for SD and SMP."),
    )
    graduation_year = _year_field(_("Graduation year"))


class TrainingForm(DomainErrorFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Training or certificate name"),
        max_length=200,
        error_messages={"required": _("Please write the name of the training or certificate.")},
    )
    organizer = forms.CharField(label=_("Organizer or issuer"), required=False, max_length=200)
    year = _year_field(_("Year"))
    certificate_number = forms.CharField(
        label=_("Certificate number"), required=False, max_length=100
    )


class ExperienceForm(DomainErrorFormMixin, forms.Form):
    employer = forms.CharField(
        label=_("Employer"),
        max_length=200,
        error_messages={"required": _("Please write the name of the employer.")},
    )
    position = forms.CharField(
        label=_("Position"),
        max_length=150,
        error_messages={"required": _("Please write your position or job title.")},
    )
    start_date = _date_field(_("Start date"), required=True)
    end_date = _date_field(_("End date"), help_text=_("Leave empty if you still work there."))
    description = forms.CharField(
        label=_("What you did"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SkillForm(DomainErrorFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Skill"),
        max_length=100,
        help_text=_("For example: driving (SIM A), Microsoft Excel, sewing, welding."),
        error_messages={"required": _("Please write the skill.")},
    )


class LanguageForm(DomainErrorFormMixin, forms.Form):
    language = forms.CharField(
        label=_("Language"),
        max_length=60,
        help_text=_("For example: Bahasa Indonesia, English, Bahasa Palembang."),
        error_messages={"required": _("Please write the language.")},
    )
    level = forms.ChoiceField(
        label=_("How well"),
        choices=_BLANK + LanguageLevel.choices,
        error_messages={"required": _("Please choose how well you speak it.")},
    )


class PreferencesForm(DomainErrorFormMixin, forms.Form):
    preferred_occupation = forms.CharField(
        label=_("Desired job"),
        required=False,
        max_length=150,
        help_text=_("For example: administration staff, driver, nurse."),
    )
    preferred_locations = forms.CharField(
        label=_("Preferred work locations"),
        required=False,
        max_length=255,
        help_text=_("Cities or regencies, separated by commas."),
    )
    willing_to_relocate = forms.BooleanField(
        label=_("I am willing to move to another city for work"), required=False
    )
    expected_salary = forms.IntegerField(
        label=_("Expected monthly salary in rupiah (optional)"),
        required=False,
        min_value=0,
        max_value=2_000_000_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Write the salary as a number without dots, for example 3500000."),
            "min_value": _("The expected salary cannot be negative."),
            "max_value": _("Please check the salary: the number is too large."),
        },
    )


class DisabilityForm(DomainErrorFormMixin, forms.Form):
    ANSWERS = [
        ("", _("I prefer not to say")),
        ("no", _("No")),
        ("yes", _("Yes")),
    ]
    has_disability = forms.ChoiceField(
        label=_("Do you have a disability?"),
        required=False,
        choices=ANSWERS,
        widget=forms.RadioSelect,
    )
    disability_details = forms.CharField(
        label=_("What support or adjustments would help you at work? (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_has_disability(self):
        return {"yes": True, "no": False}.get(self.cleaned_data.get("has_disability") or "")


class StaffSearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name, NIK or email"), required=False, max_length=100)
