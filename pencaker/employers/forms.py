"""Input shape for the employer pages; the services check the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pencaker.core.forms import DomainErrorFormMixin
from pencaker.employers.choices import OrganisationType, RejectReason, ReturnField, SizeBand
from pencaker.employers.selectors import sector_choices
from pencaker.regions.forms import AddressRegionForm


class OrganisationForm(DomainErrorFormMixin, AddressRegionForm):
    legal_name = forms.CharField(
        label=_("Legal name"),
        max_length=200,
        help_text=_("As written in the deed or on the NIB, for example PT Sriwijaya Roti Abadi."),
    )
    type = forms.ChoiceField(label=_("Type of organisation"), choices=OrganisationType.choices)
    nib = forms.CharField(
        label=_("NIB (Nomor Induk Berusaha)"),
        max_length=20,
        required=False,
        help_text=_("13 digits, from OSS. Give the NIB, the NPWP or both."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    npwp = forms.CharField(
        label=_("NPWP"),
        max_length=25,
        required=False,
        help_text=_("15 digits (01.234.567.8-012.000) or the new 16 digits."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    sector = forms.ChoiceField(label=_("Business sector (KBLI 2020)"), choices=())
    address_line = forms.CharField(label=_("Street and number"), max_length=200)
    postal_code = forms.CharField(
        label=_("Postal code"),
        max_length=5,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=150)
    phone = forms.CharField(
        label=_("Contact mobile number"),
        max_length=25,
        help_text=_("For example 0812 3456 7890."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(label=_("Organisation email"), max_length=254)
    size_band = forms.ChoiceField(label=_("Number of workers"), choices=SizeBand.choices)
    website = forms.CharField(label=_("Website"), max_length=200, required=False)
    document = forms.FileField(
        label=_("Supporting document"),
        required=False,
        help_text=_(
            "The NIB printout or a letter of the organisation: JPG, PNG or PDF. Choose it "
            "last: after “Show next choices” the file must be chosen again."
        ),
    )

    field_order = [
        "legal_name",
        "type",
        "nib",
        "npwp",
        "sector",
        "address_line",
        "province",
        "regency",
        "district",
        "village",
        "postal_code",
        "contact_name",
        "phone",
        "email",
        "size_band",
        "website",
        "document",
    ]

    def __init__(self, *args: Any, document_required: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sector = self.fields["sector"]
        assert isinstance(sector, forms.ChoiceField)
        sector.choices = [("", _("— Choose a sector —")), *sector_choices()]
        self.fields["document"].required = document_required

    def organisation_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in ("province", "regency", "district", "document"):
            data.pop(name, None)
        return data


class ContactForm(DomainErrorFormMixin, forms.Form):
    """What a verified organisation may change by itself."""

    contact_name = forms.CharField(label=_("Contact person"), max_length=150)
    phone = forms.CharField(
        label=_("Contact mobile number"),
        max_length=25,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(label=_("Organisation email"), max_length=254)
    size_band = forms.ChoiceField(label=_("Number of workers"), choices=SizeBand.choices)
    website = forms.CharField(label=_("Website"), max_length=200, required=False)


class InviteForm(DomainErrorFormMixin, forms.Form):
    email = forms.EmailField(label=_("Colleague's email"), max_length=254)
    full_name = forms.CharField(label=_("Colleague's name"), max_length=150, required=False)


class VerifyForm(DomainErrorFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReturnForm(DomainErrorFormMixin, forms.Form):
    """One optional text per part; the parts with a text are sent back."""

    note = forms.CharField(
        label=_("Note to the employer (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in ReturnField.choices:
            self.fields[f"fix_{code}"] = forms.CharField(
                label=label,
                required=False,
                max_length=500,
                help_text=_("What must be fixed (leave empty if this part is fine)."),
            )

    def items(self) -> list[tuple[str, str]]:
        return [
            (code, self.cleaned_data.get(f"fix_{code}", "").strip())
            for code in ReturnField.values
            if self.cleaned_data.get(f"fix_{code}", "").strip()
        ]


class RejectForm(DomainErrorFormMixin, forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=RejectReason.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
