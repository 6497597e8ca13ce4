"""Input shapes for the application pages (the rules live in services)."""

from __future__ import annotations

import dataclasses
import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from pencaker.applications.assisted import CitizenInput
from pencaker.applications.choices import (
    ApplicationType,
    RejectReason,
    ReturnReason,
    Status,
    return_reason_applies,
)
from pencaker.core.forms import DomainErrorFormMixin
from pencaker.seekers.choices import EducationLevel, MaritalStatus, Religion, Sex


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

    def __init__(self, *args, types: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)
        if types is not None:  # only the types that apply (``request_types``)
            field = self.fields["type"]
            field.choices = [c for c in ApplicationType.choices if c[0] in types]


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

    def __init__(
        self,
        *args,
        items: list[tuple[str, str]],
        reasons: list[tuple[str, str]] | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.items = items
        # The office's active reasons (``reasons.return_reason_choices``).
        reason_choices = reasons if reasons is not None else list(ReturnReason.choices)
        for code, label in items:
            self.fields[f"reasons__{code}"] = forms.MultipleChoiceField(
                label=label,
                choices=[
                    (reason, text)
                    for reason, text in reason_choices
                    if return_reason_applies(item=code, reason=reason)
                ],
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


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class AssistedRegistrationForm(DomainErrorFormMixin, forms.Form):
    """What the operator enters at the counter; one file field per required document."""

    # Service error field names (accounts, seekers, documents) → fields of this form.
    field_map = {"level": "education_level", "village": "village_code"}

    email = forms.EmailField(
        label=_("Citizen's email (optional)"),
        max_length=254,
        required=False,
        help_text=_("Leave empty if the citizen has no email: the mobile number is the login."),
    )
    phone = forms.CharField(
        label=_("Mobile number"), max_length=20, help_text=_("For example 0812 3456 7890")
    )
    full_name = forms.CharField(label=_("Full name (as on the KTP)"), max_length=150)
    nik = forms.CharField(label=_("NIK (16 digits, from the KTP)"), max_length=20)
    birth_place = forms.CharField(label=_("Place of birth"), max_length=100)
    birth_date = forms.DateField(label=_("Date of birth"), widget=DateInput)
    sex = forms.ChoiceField(label=_("Sex"))
    marital_status = forms.ChoiceField(label=_("Marital status"))
    religion = forms.ChoiceField(label=_("Religion"))
    address_line = forms.CharField(label=_("Street and house number"), max_length=200)
    rt = forms.CharField(label=_("RT"), max_length=3, required=False)
    rw = forms.CharField(label=_("RW"), max_length=3, required=False)
    village_code = forms.CharField(
        label=_("Village code (kelurahan/desa)"),
        max_length=13,
        help_text=_("The Kemendagri code of the village, for example 16.71.01.1001."),
    )
    postal_code = forms.CharField(label=_("Postal code"), max_length=5, required=False)
    education_level = forms.ChoiceField(label=_("Latest education"))
    institution = forms.CharField(label=_("School or university"), max_length=200)
    major = forms.CharField(label=_("Major (optional)"), max_length=200, required=False)
    graduation_year = forms.IntegerField(
        label=_("Year of graduation"), min_value=1940, max_value=2100
    )
    # The counter registers a new account, who never had a card: only a new card applies.
    type = forms.ChoiceField(
        label=_("Type of request"),
        choices=[(ApplicationType.NEW.value, ApplicationType.NEW.label)],
        initial=ApplicationType.NEW,
    )
    code_delivery = forms.ChoiceField(
        label=_("Without email, the code to choose a password"),
        choices=[
            ("sms", _("Send it by SMS to the mobile number")),
            ("slip", _("Print it on a slip for the citizen")),
        ],
        initial="sms",
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Only used when the email is empty."),
    )
    consent = forms.BooleanField(
        label=_("The citizen has read the privacy notice and agrees to it"),
        required=True,
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=100, required=False)

    def __init__(self, *args, document_kinds: list[tuple[str, str]], **kwargs):

        super().__init__(*args, **kwargs)
        blank = [("", _("Choose…"))]
        self.fields["sex"].choices = blank + list(Sex.choices)
        self.fields["marital_status"].choices = blank + list(MaritalStatus.choices)
        self.fields["religion"].choices = blank + list(Religion.choices)
        self.fields["education_level"].choices = blank + list(EducationLevel.choices)
        self.document_kinds = document_kinds
        for kind, label in document_kinds:
            self.fields[f"document_{kind}"] = forms.FileField(
                label=_("Scan or photo: %(document)s") % {"document": label},
                help_text=_("JPG, PNG or PDF."),
            )
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)

    def documents(self) -> dict[str, object]:
        return {
            kind: self.cleaned_data.get(f"document_{kind}") for kind, _label in self.document_kinds
        }

    def clean_code_delivery(self) -> str:
        return self.cleaned_data.get("code_delivery") or "sms"

    def citizen(self) -> CitizenInput:
        """The cleaned data as the service's input (the form's fields carry its names)."""
        names = [f.name for f in dataclasses.fields(CitizenInput) if f.name != "documents"]
        return CitizenInput(
            **{name: self.cleaned_data[name] for name in names}, documents=self.documents()
        )


class ReturnReasonAddForm(forms.Form):
    label = forms.CharField(
        label=_("New reason (as the applicant will read it)"),
        max_length=200,
        help_text=_("For example: The KTP photo must show both sides."),
    )


class ReturnReasonEditForm(forms.Form):
    label = forms.CharField(
        label=_("Wording"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the standard wording."),
    )
    active = forms.BooleanField(label=_("Offered to operators"), required=False)


class OperatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        name = obj.full_name or obj.email
        return f"{name} ({obj.get_role_display()})"


class ReassignForm(forms.Form):
    """An admin dinas hands an application being checked to another operator."""

    operator = OperatorChoiceField(
        label=_("New operator"),
        queryset=None,
        empty_label=_("Choose an operator"),
        error_messages={
            "required": _("Choose the operator who will check this application."),
            "invalid_choice": _("Choose an operator from the list."),
        },
    )

    def __init__(self, *args, operators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["operator"].queryset = operators
