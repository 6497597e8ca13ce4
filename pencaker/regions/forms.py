"""The address picker: province → kabupaten/kota → kecamatan → kelurahan/desa.

How a host view uses it
=======================

Combine :class:`AddressRegionForm` with the host's own form (it is a ``forms.Form``, so it
mixes into a ``ModelForm`` whose model has a ``village`` foreign key to ``Region``)::

    class AddressForm(AddressRegionForm, forms.ModelForm):
        class Meta:
            model = JobSeekerProfile
            fields = ["street", "rt_rw", "village", "postal_code"]

    def address_edit(request):
        form = AddressForm(request.POST or None, instance=profile)
        if request.method == "POST" and form.is_valid():   # False on a refresh
            profile_update_address(actor=request.user, village=form.cleaned_data["village"], ...)
            return redirect(...)
        return render(request, "seekers/address.html", {"form": form})

and in the template, inside the host's ``<form method="post">``::

    {% include "includes/form_errors.html" %}
    ... the host's own fields ...
    {% include "regions/includes/address_fields.html" with form=form %}
    <button type="submit">Save</button>

That is all. Without JavaScript the person picks a province and presses the
"Tampilkan pilihan berikutnya" button (``name="region_refresh"``, constant
:data:`REFRESH_BUTTON_NAME`); the form sees the button in the POST data, ``is_valid()``
returns ``False`` WITHOUT producing any error messages (``form.region_refresh`` is
``True``), so the standard view above re-renders the page with everything typed so far
and the next select filled, and saves nothing. With JavaScript, htmx reloads the next
select as soon as a choice changes (``regions:options``) and empties the levels below it.

The querysets narrow to the children of the chosen parent, so a mismatched chain (a
village outside the chosen kecamatan) fails on the field concerned, naming it.
``cleaned_data["village"]`` is the village :class:`~pencaker.regions.models.Region`.
To prefill, pass ``initial=initial_from_village(village)``; a ``ModelForm`` whose instance
has a village prefills the three upper levels by itself.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.forms.utils import ErrorDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pencaker.regions.models import Level, Region
from pencaker.regions.selectors import (
    is_region_code,
    region_chain,
    region_children,
    region_provinces,
)

REFRESH_BUTTON_NAME = "region_refresh"
REGION_FIELDS = ("province", "regency", "district", "village")
_LEVELS = {
    "province": Level.PROVINCE,
    "regency": Level.REGENCY,
    "district": Level.DISTRICT,
    "village": Level.VILLAGE,
}
CHOOSE_LABELS = {
    "province": _("— Choose a province —"),
    "regency": _("— Choose a regency/city —"),
    "district": _("— Choose a district (kecamatan) —"),
    "village": _("— Choose a village (kelurahan/desa) —"),
}
PARENT_FIRST_LABELS = {
    "regency": _("— Choose the province first —"),
    "district": _("— Choose the regency/city first —"),
    "village": _("— Choose the district first —"),
}
_REQUIRED = {
    "province": _("Choose your province."),
    "regency": _("Choose your regency or city (kabupaten/kota)."),
    "district": _("Choose your district (kecamatan)."),
    "village": _("Choose your village (kelurahan/desa)."),
}
_NOT_IN_PARENT = {
    "province": _("Choose a province from the list."),
    "regency": _(
        "This regency/city is not in the province you chose. Choose it again from the list."
    ),
    "district": _(
        "This district is not in the regency/city you chose. Choose it again from the list."
    ),
    "village": _("This village is not in the district you chose. Choose it again from the list."),
}


def initial_from_village(village: Region | str | None) -> dict[str, str]:
    """Initial data for all four selects from a village (or its code): ``{"province":
    "16", "regency": "16.71", "district": "16.71.01", "village": "16.71.01.1001"}``.
    Empty when the village is unknown."""
    return {name: region.pk for name, region in region_chain(village).items()}


def is_region_refresh(data: Any) -> bool:
    """True when the POST came from the picker's refresh button (save nothing)."""
    return data is not None and REFRESH_BUTTON_NAME in data


class RegionChoiceField(forms.ModelChoiceField):
    def to_python(self, value: Any) -> Region | None:
        if value not in self.empty_values and not isinstance(value, Region):
            if not is_region_code(str(value).strip()):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice"
                )
        return super().to_python(value)

    def label_from_instance(self, obj: Region) -> str:
        return obj.name


class AddressRegionForm(forms.Form):
    """Four linked selects; see the module docstring for how a host view uses it.

    Set ``region_required = False`` on a subclass to allow an empty address; a partly
    chosen address is then still refused until it reaches the village.
    """

    region_required = True

    province = RegionChoiceField(queryset=Region.objects.none(), label=_("Province"))
    regency = RegionChoiceField(
        queryset=Region.objects.none(), label=_("Regency/City (kabupaten/kota)")
    )
    district = RegionChoiceField(queryset=Region.objects.none(), label=_("District (kecamatan)"))
    village = RegionChoiceField(queryset=Region.objects.none(), label=_("Village (kelurahan/desa)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.region_refresh = self.is_bound and is_region_refresh(self.data)
        if not self.is_bound:
            self._complete_initial_chain()
        self._narrow_choices()
        self._add_htmx_attributes()

    # --- choices -----------------------------------------------------------------------
    def _raw(self, name: str) -> str:
        if self.is_bound:
            value = self.data.get(self.add_prefix(name))
        else:
            value = self.get_initial_for_field(self.fields[name], name)
        if isinstance(value, Region):
            return value.pk
        return str(value or "").strip()

    def _complete_initial_chain(self) -> None:
        village = self._raw("village")
        if village and not all(self._raw(name) for name in REGION_FIELDS[:3]):
            self.initial.update(initial_from_village(village))

    def _narrow_choices(self) -> None:
        chosen: Region | None = None
        for name in REGION_FIELDS:
            field = self.fields[name]
            assert isinstance(field, RegionChoiceField)
            field.required = self.region_required
            if name == "province":
                queryset = region_provinces()
            elif chosen is not None:
                queryset = region_children(chosen.pk)
            else:
                queryset = Region.objects.none()
            field.queryset = queryset.filter(level=_LEVELS[name])
            field.empty_label = (
                CHOOSE_LABELS[name]
                if name == "province" or chosen is not None
                else PARENT_FIRST_LABELS[name]
            )
            field.error_messages["required"] = _REQUIRED[name]
            field.error_messages["invalid_choice"] = _NOT_IN_PARENT[name]
            raw = self._raw(name)
            # The next level only opens once this one holds a choice that fits the chain,
            # so a stale kecamatan left over from another kabupaten shows no villages.
            chosen = field.queryset.filter(pk=raw).first() if is_region_code(raw) else None

    def _add_htmx_attributes(self) -> None:
        ids = {name: self[name].auto_id for name in REGION_FIELDS}
        if not all(ids.values()):
            return
        url = reverse("regions:options")
        for index, name in enumerate(REGION_FIELDS[:-1]):
            below = REGION_FIELDS[index + 2 :]
            query = urlencode(
                [("parent_field", self.add_prefix(name))]
                + [("reset", ids[other]) for other in below]
            )
            self.fields[name].widget.attrs.update(
                {
                    "hx-get": f"{url}?{query}",
                    "hx-trigger": "change",
                    "hx-target": f"#{ids[REGION_FIELDS[index + 1]]}",
                    "hx-swap": "innerHTML",
                    "hx-include": "this",
                    "hx-sync": "this:replace",
                }
            )

    # --- validation --------------------------------------------------------------------
    def full_clean(self) -> None:
        if self.region_refresh:
            # A refresh is navigation, not a submission: show no errors, save nothing.
            self._errors = ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()

    def is_valid(self) -> bool:
        return not self.region_refresh and super().is_valid()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        if not self.region_required and any(cleaned.get(name) for name in REGION_FIELDS):
            for name in REGION_FIELDS:
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, _REQUIRED[name])
                    break
        return cleaned
