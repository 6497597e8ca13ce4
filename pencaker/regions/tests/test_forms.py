from __future__ import annotations

import pytest
from django import forms
from django.template.loader import render_to_string
from django.utils import translation

from pencaker.offices.models import Office
from pencaker.regions.forms import (
    REFRESH_BUTTON_NAME,
    AddressRegionForm,
    initial_from_village,
    is_region_refresh,
)

FULL = {
    "province": "16",
    "regency": "16.71",
    "district": "16.71.01",
    "village": "16.71.01.1001",
}


def codes(form: AddressRegionForm, name: str) -> list[str]:
    return [region.code for region in form.fields[name].queryset]


def error_codes(form: AddressRegionForm) -> dict[str, list[str]]:
    return {name: [e.code for e in errs] for name, errs in form.errors.as_data().items()}


def test_valid_chain_gives_the_village_region(regions):
    form = AddressRegionForm(data=FULL)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["village"] == regions["16.71.01.1001"]
    assert form.cleaned_data["district"].code == "16.71.01"


def test_unbound_form_offers_provinces_only(regions):
    form = AddressRegionForm()

    assert codes(form, "province") == ["32", "16"]  # by name: Jawa Barat, Sumatera Selatan
    assert codes(form, "regency") == []
    assert codes(form, "district") == []
    assert codes(form, "village") == []


def test_querysets_narrow_to_children_of_the_bound_parents(regions):
    form = AddressRegionForm(data={"province": "16", "regency": "16.71"})

    assert codes(form, "regency") == ["16.71", "16.72"]
    assert codes(form, "district") == ["16.71.01", "16.71.02"]
    assert codes(form, "village") == []


def test_stale_lower_choice_from_another_parent_opens_nothing_below(regions):
    # The person switched province to Jawa Barat but the old kabupaten is still posted.
    form = AddressRegionForm(data={**FULL, "province": "32"})

    assert codes(form, "regency") == ["32.73"]
    assert codes(form, "district") == []
    assert codes(form, "village") == []


def test_village_outside_the_chosen_district_is_an_error_on_village(regions):
    form = AddressRegionForm(data={**FULL, "village": "16.71.02.1001"})

    assert not form.is_valid()
    assert error_codes(form) == {"village": ["invalid_choice"]}
    with translation.override("en"):
        assert "not in the district you chose" in form.errors["village"][0]


def test_district_outside_the_chosen_regency_is_an_error_naming_district(regions):
    form = AddressRegionForm(data={**FULL, "regency": "16.72"})

    assert not form.is_valid()
    assert "district" in form.errors
    assert "regency" not in form.errors


def test_a_regency_given_as_village_is_refused(regions):
    form = AddressRegionForm(data={**FULL, "village": "16.71"})

    assert not form.is_valid()
    assert list(form.errors) == ["village"]


@pytest.mark.parametrize(
    "value", ["", "x" * 500, "'; DROP TABLE x;--", "16.71.01.9999", "16.71.01\x00", "16.71\x00"]
)
def test_garbage_values_are_field_errors_not_crashes(regions, value):
    form = AddressRegionForm(data={**FULL, "district": value})

    assert not form.is_valid()
    assert "district" in form.errors


def test_missing_fields_say_what_to_choose(regions):
    form = AddressRegionForm(data={"province": "16"})

    assert not form.is_valid()
    with translation.override("en"):
        assert form.errors["regency"] == ["Choose your regency or city (kabupaten/kota)."]
        assert form.errors["village"] == ["Choose your village (kelurahan/desa)."]


def test_refresh_button_is_not_valid_and_shows_no_errors(regions):
    form = AddressRegionForm(data={"province": "16", REFRESH_BUTTON_NAME: "1"})

    assert form.region_refresh is True
    assert form.is_valid() is False
    assert form.errors == {}
    assert codes(form, "regency") == ["16.71", "16.72"]


def test_refresh_keeps_the_host_forms_other_fields_and_their_values(regions):
    class HostForm(AddressRegionForm):
        street = forms.CharField()

    form = HostForm(data={"province": "16", "street": "Jl. Merdeka 1", REFRESH_BUTTON_NAME: "1"})

    assert not form.is_valid()
    assert form.errors == {}
    assert 'value="Jl. Merdeka 1"' in str(form["street"])


def test_is_region_refresh_reads_post_data():
    assert is_region_refresh({REFRESH_BUTTON_NAME: "1"})
    assert not is_region_refresh({"province": "16"})
    assert not is_region_refresh(None)


def test_initial_from_village_fills_all_four(regions):
    assert initial_from_village(regions["16.71.01.1001"]) == FULL
    assert initial_from_village("16.71.01.1001") == FULL


def test_initial_from_unknown_or_non_village_is_empty(regions):
    assert initial_from_village("99.99.99.9999") == {}
    assert initial_from_village("16.71") == {}
    assert initial_from_village(None) == {}


def test_initial_village_alone_opens_and_selects_the_whole_chain(regions):
    form = AddressRegionForm(initial={"village": "16.71.01.1001"})

    assert codes(form, "village") == ["16.71.01.1002", "16.71.01.1001"]  # by name
    html = str(form["district"])
    assert '<option value="16.71.01" selected>' in html


def test_mixes_into_a_model_form(regions):
    class OfficeForm(AddressRegionForm, forms.ModelForm):
        class Meta:
            model = Office
            fields = ["code", "name"]

    form = OfficeForm(data={**FULL, "code": "16.71", "name": "Dinas"})

    assert form.is_valid(), form.errors
    assert {"code", "name", "province", "village"} <= set(form.fields)
    assert form.cleaned_data["village"].code == "16.71.01.1001"


def test_optional_picker_allows_empty_but_not_a_partial_chain(regions):
    class OptionalForm(AddressRegionForm):
        region_required = False

    assert OptionalForm(data={}).is_valid()
    partial = OptionalForm(data={"province": "16", "regency": "16.71"})
    assert not partial.is_valid()
    assert list(partial.errors) == ["district"]


def test_selects_carry_htmx_attributes_pointing_at_the_next_select(regions):
    form = AddressRegionForm(prefix="addr")

    html = str(form["province"])

    assert 'hx-get="/wilayah/pilihan/?parent_field=addr-province' in html
    assert "reset=id_addr-district" in html and "reset=id_addr-village" in html
    assert 'hx-target="#id_addr-regency"' in html
    assert "hx-get" not in str(form["village"])


def test_include_renders_four_labelled_selects_and_the_refresh_button(regions):
    with translation.override("id"):
        html = render_to_string(
            "regions/includes/address_fields.html", {"form": AddressRegionForm()}
        )

    for name in ("province", "regency", "district", "village"):
        assert f'<label for="id_{name}">' in html
        assert f'<select name="{name}"' in html
    assert 'name="region_refresh"' in html
    assert "formnovalidate" in html
    assert "Tampilkan pilihan berikutnya" in html
    assert "Pilih provinsi dahulu" in html


def test_include_shows_errors_next_to_the_field(regions):
    form = AddressRegionForm(data={**FULL, "village": "16.71.02.1001"})
    form.is_valid()

    html = render_to_string("regions/includes/address_fields.html", {"form": form})

    assert 'id="id_village_error"' in html


def test_nul_bytes_in_any_select_are_field_errors(regions):
    form = AddressRegionForm(data={name: f"{code}\x00" for name, code in FULL.items()})

    assert not form.is_valid()
    assert set(form.errors) == {"province", "regency", "district", "village"}
