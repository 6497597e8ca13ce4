from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from pencaker.accounts.phone import phone_normalize
from pencaker.core.forms import DomainErrorFormMixin
from pencaker.exchange.holders_file import MAX_BYTES


class HoldersUploadForm(DomainErrorFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Register file (CSV or XLSX)"),
        help_text=_("Use the template below; at most 20 MB. Nothing is saved until you confirm."),
        error_messages={"required": _("Choose the file to check.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        name = (upload.name or "").lower()
        if not name.endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Choose a .csv or .xlsx file."))
        return upload


class ClaimStartForm(DomainErrorFormMixin, forms.Form):
    nik = forms.CharField(
        label=_("NIK"), max_length=20, error_messages={"required": _("Enter your NIK.")}
    )
    birth_date = forms.DateField(
        label=_("Date of birth"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Enter your date of birth."),
            "invalid": _("Enter a real date."),
        },
    )
    phone = forms.CharField(
        label=_("Mobile number for the code (SMS)"),
        max_length=25,
        required=False,
        help_text=_("For example 0812 3456 7890. It becomes your login."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("Or an email address for the code"),
        required=False,
        error_messages={"invalid": _("Enter a valid email address.")},
    )

    def clean_phone(self) -> str:
        value = self.cleaned_data.get("phone") or ""
        return phone_normalize(value) if value.strip() else ""

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("phone") and not cleaned.get("email"):
            raise forms.ValidationError(
                _("Enter your mobile number (or an email address) where we send the code.")
            )
        return cleaned


class ClaimFinishForm(DomainErrorFormMixin, forms.Form):
    code = forms.RegexField(
        label=_("Code"),
        regex=r"^\d{6}$",
        error_messages={
            "required": _("Enter the 6-digit code."),
            "invalid": _("The code is 6 digits."),
        },
    )
    password = forms.CharField(
        label=_("New password"),
        widget=forms.PasswordInput(render_value=False),
        min_length=10,
        error_messages={
            "required": _("Choose a password."),
            "min_length": _("The password must have at least 10 characters."),
        },
    )

    def clean_password(self):
        password = self.cleaned_data["password"]
        password_validation.validate_password(password)
        return password
