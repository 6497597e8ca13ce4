"""Input shape for the public card check."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _


class CardCheckForm(forms.Form):
    number = forms.CharField(
        label=_("Card number"),
        max_length=40,
        help_text=_("As printed on the card, for example 1671-2026-000123-4."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
        error_messages={"required": _("Type the card number.")},
    )
    birth_date = forms.DateField(
        label=_("Holder's date of birth"),
        help_text=_("The date of birth of the card holder, as on their KTP."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        error_messages={
            "required": _("Type the holder's date of birth."),
            "invalid": _("Type the date of birth as day-month-year, for example 17-08-1995."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            described = [f"id_{name}_helptext"] if field.help_text else []
            if self.is_bound and name in self.errors:
                described.append(f"id_{name}_error")
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)

    def clean_birth_date(self):
        value = self.cleaned_data["birth_date"]
        if value < dt.date(1900, 1, 1) or value > dt.date.today():
            raise forms.ValidationError(_("This date of birth is not possible. Check the year."))
        return value


class BatchCheckForm(forms.Form):
    """Lines of ``card number, birth date`` pasted or uploaded as a CSV file."""

    lines = forms.CharField(
        label=_("Card numbers and dates of birth"),
        required=False,
        help_text=_(
            "One card per line: number, date of birth (for example 1671-2026-000123-4, "
            "17-08-1995). At most 200 lines."
        ),
        widget=forms.Textarea(attrs={"rows": 8, "autocomplete": "off"}),
    )
    csv_file = forms.FileField(
        label=_("Or a CSV file"),
        required=False,
        help_text=_("Two columns: card number and date of birth; a header line is allowed."),
    )

    def text(self) -> str:
        upload = self.cleaned_data.get("csv_file")
        if upload is not None:
            data = upload.read(200 * 200)
            return data.decode("utf-8-sig", errors="replace")
        return self.cleaned_data.get("lines") or ""
