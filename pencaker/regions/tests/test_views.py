from __future__ import annotations

import pytest
from django.urls import reverse

URL = "/wilayah/pilihan/"


def option_values(response) -> list[str]:
    import re

    return re.findall(r'<option value="([^"]*)"', response.content.decode())


def test_url_name_resolves():
    assert reverse("regions:options") == URL


def test_options_lists_children_of_a_regency_by_name(client, regions):
    response = client.get(URL, {"parent": "16.71"})

    assert response.status_code == 200
    assert option_values(response) == ["", "16.71.01", "16.71.02"]
    assert "Ilir Barat II" in response.content.decode()


def test_options_placeholder_is_indonesian_by_default(client, regions):
    response = client.get(URL, {"parent": "16"})

    assert "Pilih kabupaten/kota" in response.content.decode()


def test_options_json_variant(client, regions):
    response = client.get(URL, {"parent": "16.71.01", "format": "json"})

    assert response.json() == {
        "parent": "16.71.01",
        "options": [
            {"code": "16.71.01.1002", "name": "Karya Jaya"},
            {"code": "16.71.01.1001", "name": "Kemang Agung"},
        ],
    }


def test_options_reads_the_parent_from_the_named_select_as_htmx_sends_it(client, regions):
    response = client.get(
        URL, {"parent_field": "addr-province", "addr-province": "32"}, HTTP_HX_REQUEST="true"
    )

    assert option_values(response) == ["", "32.73"]


def test_options_empties_the_levels_below_out_of_band(client, regions):
    response = client.get(URL, {"parent": "16", "reset": ["id_district", "id_village"]})

    body = response.content.decode()
    assert 'hx-swap-oob="innerHTML:#id_district"' in body
    assert 'hx-swap-oob="innerHTML:#id_village"' in body


def test_options_ignores_reset_ids_that_could_inject_markup(client, regions):
    response = client.get(URL, {"parent": "16", "reset": ['x"><script>alert(1)</script>']})

    assert "<script" not in response.content.decode()
    assert "hx-swap-oob" not in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"parent": "99.99"},
        {"parent": ""},
        {},
        {"parent": "x" * 5000},
        {"parent": "16.71.01.1001"},
        {"parent_field": "<bad>", "<bad>": "16"},
    ],
)
def test_unknown_or_malformed_parent_gives_an_empty_list(client, regions, params):
    response = client.get(URL, params)
    json_response = client.get(URL, {**params, "format": "json"})

    assert response.status_code == 200
    assert option_values(response) == [""]
    assert json_response.json()["options"] == []


def test_options_refuses_post(client, regions):
    assert client.post(URL, {"parent": "16"}).status_code == 405
