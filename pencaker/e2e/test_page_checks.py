"""The page checks themselves, and forms whose hints screen readers must reach: every
``aria-describedby`` id names an element (Django points inputs at ``<id>_helptext``)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pencaker.e2e.page_checks import missing_aria_refs


def test_missing_aria_refs_finds_an_id_that_is_not_on_the_page():
    html = '<p id="a_help">x</p><input aria-describedby="a_helptext a_help">'

    assert missing_aria_refs(html) == [
        ': aria-describedby="a_helptext" on <input> names no element'
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["accounts:signup", "cards:verify"])
def test_form_pages_point_hints_at_elements_that_exist(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 200
    html = response.content.decode()
    assert "aria-describedby" in html
    assert missing_aria_refs(html) == []


@pytest.mark.django_db
def test_form_errors_are_described_by_elements_that_exist(client):
    response = client.post(reverse("accounts:signup"), {"email": "bukan-email", "phone": "0812"})

    html = response.content.decode()
    assert "_error" in html
    assert missing_aria_refs(html) == []
