"""Input shapes: the public card check, the batch check, and the revocation pages."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from pencaker.cards.choices import RevocationReason
from pencaker.core.forms import DomainErrorFormMixin


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


class _MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class _MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", _MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(_MultipleFileField, self).clean(f, initial) for f in files if f]


class _Described(DomainErrorFormMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            described = [f"id_{name}_helptext"] if field.help_text else []
            if self.is_bound and name in self.errors:
                described.append(f"id_{name}_error")
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)


class RevocationRequestForm(_Described):
    number = forms.CharField(
        label=_("Card number"),
        max_length=40,
        help_text=_("As printed on the card, for example 1671-2026-000123-4."),
        error_messages={"required": _("Type the card number.")},
    )
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=RevocationReason.choices,
        error_messages={
            "required": _("Choose one of the listed reasons."),
            "invalid_choice": _("Choose one of the listed reasons."),
        },
    )
    note = forms.CharField(
        label=_("What was found"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Describe what was found."),
            "max_length": _("Keep the description under 2000 characters."),
        },
    )
    evidence = _MultipleFileField(
        label=_("Evidence"),
        help_text=_("One to five files: PDF, JPG or PNG (checked like documents)."),
        error_messages={
            "required": _("Attach at least one piece of evidence (PDF, JPG or PNG)."),
            "invalid": _("This file could not be read. Attach a PDF, JPG or PNG."),
            "empty": _("This file is empty."),
        },
    )


class RevocationConfirmForm(_Described):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("confirm", _("Confirm: revoke the card")), ("decline", _("Do not revoke"))],
        error_messages={
            "required": _("Choose whether to revoke the card."),
            "invalid_choice": _("Choose whether to revoke the card."),
        },
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Keep the note under 2000 characters.")},
    )


class ObjectionForm(_Described):
    text = forms.CharField(
        label=_("Why the card should not be revoked"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Explain why the card should not be revoked."),
            "max_length": _("Keep the objection under 4000 characters."),
        },
    )


class ObjectionDecideForm(_Described):
    decision = forms.ChoiceField(
        label=_("Decision on the objection"),
        choices=[
            ("uphold", _("Uphold: restore the card")),
            ("reject", _("Reject: the card stays revoked")),
        ],
        error_messages={
            "required": _("Choose a decision."),
            "invalid_choice": _("Choose a decision."),
        },
    )
    note = forms.CharField(
        label=_("Reasons for the decision"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Give the reasons for the decision."),
            "max_length": _("Keep the reasons under 2000 characters."),
        },
    )
