"""Input shapes for the application pages (the rules live in services)."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from pencaker.applications.choices import ApplicationType, RejectReason, ReturnReason, Status


class SubmitForm(forms.Form):
    type = forms.ChoiceField(
        label=_("What do you need?"),
        choices=ApplicationType.choices,
        initial=ApplicationType.NEW,
        widget=forms.RadioSelect,
    )
    # A fresh key is put in the page; a double click or a browser retry sends the same key
    # again, so the service returns the application created by the first click.
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RejectForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason for rejection"), choices=RejectReason.choices)
    note = forms.CharField(
        label=_("Explanation for the applicant"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReturnForm(forms.Form):
    """One group per returnable item: reasons (one or more) and a note."""

    note = forms.CharField(
        label=_("General note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, items: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for code, label in items:
            self.fields[f"reasons__{code}"] = forms.MultipleChoiceField(
                label=label,
                choices=ReturnReason.choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            self.fields[f"text__{code}"] = forms.CharField(
                label=_("What to fix in: %(item)s") % {"item": label},
                required=False,
                max_length=500,
            )

    def groups(self):
        return [
            (code, label, self[f"reasons__{code}"], self[f"text__{code}"])
            for code, label in self.items
        ]

    def clean(self):
        data = super().clean()
        chosen = [
            (code, reason, (data.get(f"text__{code}") or "").strip())
            for code, _label in self.items
            for reason in data.get(f"reasons__{code}") or []
        ]
        if not chosen:
            raise forms.ValidationError(
                _("Tick at least one reason for an item the applicant must fix.")
            )
        for code, label in self.items:
            reasons = data.get(f"reasons__{code}") or []
            if ReturnReason.OTHER in reasons and not (data.get(f"text__{code}") or "").strip():
                self.add_error(
                    f"text__{code}",
                    _("You chose “Other”: write what the applicant must fix in %(item)s.")
                    % {"item": label},
                )
        data["chosen"] = chosen
        return data


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Waiting and being checked")), *Status.choices],
    )
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *ApplicationType.choices]
    )
    mine = forms.BooleanField(label=_("Only the ones I am checking"), required=False)
