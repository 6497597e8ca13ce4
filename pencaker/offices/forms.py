"""Forms of the office settings screens. They type the input (times, numbers, dates);
``offices.services`` checks the values and its field errors land next to the fields."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from pencaker.core.forms import DomainErrorFormMixin
from pencaker.offices.choices import OfficeTimeZone


def _text(label: Any, max_length: int, help_text: Any = "", **extra: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=False,
        help_text=help_text,
        error_messages={
            "max_length": _("Keep this under %(limit_value)s characters."),
        },
        **extra,
    )


class IdentityForm(DomainErrorFormMixin, forms.Form):
    name = _text(_("Office name"), 200)
    letterhead_line1 = _text(
        _("Letterhead, first line"), 200, _("For example PEMERINTAH KOTA PALEMBANG.")
    )
    letterhead_line2 = _text(
        _("Letterhead, second line"), 200, _("For example DINAS TENAGA KERJA.")
    )
    address = _text(_("Address"), 1000, widget=forms.Textarea(attrs={"rows": 3}))
    phone = _text(_("Phone"), 40)
    whatsapp = _text(_("WhatsApp number"), 40)
    email = _text(_("Email"), 254)
    counter_hours = _text(
        _("Counter hours"), 200, _("As citizens read it, for example Senin–Jumat 08.00–15.00.")
    )
    map_url = _text(_("Map link"), 500, _("A link to the office on a map, starting with https://."))


class LogoForm(forms.Form):
    logo = forms.FileField(
        label=_("Logo (JPG or PNG)"),
        help_text=_("At least 300 pixels on each side; a square picture looks best."),
        error_messages={
            "required": _("Choose the logo file."),
            "invalid": _("Choose the logo file."),
            "empty": _("The file is empty. Choose the file again and upload it."),
        },
    )


class SignerForm(DomainErrorFormMixin, forms.Form):
    signer_name = _text(_("Name of the signing official"), 120)
    signer_nip = _text(_("NIP of the signing official"), 18, _("18 digits."))
    signer_title = _text(
        _("Title of the signing official"),
        200,
        _("Printed above the name on the card, for example Kepala Dinas Tenaga Kerja."),
    )


class SignerUploadForm(DomainErrorFormMixin, forms.Form):
    """A PKCS#12 (.p12/.pfx) with the office's signing certificate and key (ADR 0032)."""

    p12 = forms.FileField(
        label=_("Certificate file (PKCS#12: .p12 or .pfx)"),
        help_text=_("From the certificate issuer (for example BSrE), with its private key."),
        error_messages={"required": _("Choose the certificate file.")},
    )
    p12_password = forms.CharField(
        label=_("Password of the file"),
        required=False,
        max_length=200,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text=_("It is stored encrypted, only to sign the cards."),
    )


class DocumentsForm(DomainErrorFormMixin, forms.Form):
    field_map = {"kinds": "required"}

    required = forms.MultipleChoiceField(
        label=_("Documents every applicant must upload"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose from the list.")},
    )
    sim_instead_of_ktp = forms.BooleanField(
        label=_("Accept the driving licence (SIM) instead of the identity card (KTP)"),
        required=False,
    )

    def __init__(self, *args, kinds: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["required"]).choices = kinds


class HoursForm(DomainErrorFormMixin, forms.Form):
    work_start = forms.TimeField(
        label=_("Working day starts"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("Enter a time as HH:MM, for example 08:00."),
            "invalid": _("Enter a time as HH:MM, for example 08:00."),
        },
    )
    work_end = forms.TimeField(
        label=_("Working day ends"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("Enter a time as HH:MM, for example 16:00."),
            "invalid": _("Enter a time as HH:MM, for example 16:00."),
        },
    )
    sla_working_days = forms.IntegerField(
        label=_("Service time (working days)"),
        help_text=_("How many working days the office has to decide an application."),
        error_messages={
            "required": _("Enter a whole number from 1 to 30."),
            "invalid": _("Enter a whole number from 1 to 30."),
        },
    )
    # Not required: a form sent without it keeps the office's zone.
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        help_text=_(
            "The office's clock: the service time, the dates on cards, the report months "
            "and the reminders follow it."
        ),
        choices=OfficeTimeZone.choices,
        required=False,
        error_messages={"invalid_choice": _("Choose WIB, WITA or WIT.")},
    )


class ClosureForm(DomainErrorFormMixin, forms.Form):
    date = forms.DateField(
        label=_("Closed on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter the date, for example 2026-06-17."),
            "invalid": _("Enter the date, for example 2026-06-17."),
        },
    )
    reason = _text(_("Reason"), 200, _("For example Hari jadi kota."))


class RulesForm(DomainErrorFormMixin, forms.Form):
    min_age = forms.IntegerField(
        label=_("Minimum age of an applicant (years)"),
        error_messages={
            "required": _("Enter a whole number from 14 to 30."),
            "invalid": _("Enter a whole number from 14 to 30."),
        },
    )


class OfficeCreateForm(DomainErrorFormMixin, forms.Form):
    """The installation administrator adds an office (ADR 0031)."""

    field_map = {"phone": "admin_phone", "email": "admin_email"}

    code = forms.CharField(
        label=_("Kemendagri code"),
        max_length=13,
        help_text=_(
            "A kabupaten/kota, for example 16.74 (Kota Prabumulih), or a province, for "
            "example 16 (its Disnakertrans reads the figures of its kabupaten/kota)."
        ),
        error_messages={
            "required": _("Write the Kemendagri code, for example 16.74."),
            "max_length": _("Keep this under %(limit_value)s characters."),
        },
    )
    name = _text(_("Office name"), 200, _("Leave empty to use the region's name."))
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=[("", _("Proposed from the province code")), *OfficeTimeZone.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose WIB, WITA or WIT.")},
    )
    admin_name = forms.CharField(
        label=_("Name of the office administrator"),
        max_length=150,
        error_messages={
            "required": _("Write the administrator's name."),
            "max_length": _("Keep this under %(limit_value)s characters."),
        },
    )
    admin_email = forms.EmailField(
        label=_("Email of the office administrator"),
        help_text=_("The set-password link goes to this address."),
        error_messages={
            "required": _("Write the administrator's email address, like nama@example.go.id."),
            "invalid": _("Write the administrator's email address, like nama@example.go.id."),
        },
    )
    admin_phone = _text(_("Mobile number of the office administrator"), 20, _("Optional."))
