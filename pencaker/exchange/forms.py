from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

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
    email = forms.EmailField(
        label=_("Email address for the code"),
        error_messages={
            "required": _("Enter the email address where we send the code."),
            "invalid": _("Enter a valid email address."),
        },
    )


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
