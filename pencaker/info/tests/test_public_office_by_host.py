"""Public pages choose the office they speak for (ADR 0032): `?kantor=`, else the host
the page was reached at (PENCAKER_PUBLIC_OFFICE_HOSTS), else PENCAKER_PUBLIC_OFFICE_CODE,
else the first office configured."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_offices(office, other_office, settings):
    settings.ALLOWED_HOSTS = ["disnaker.palembang.example", "disnaker.lain.example", "testserver"]
    settings.PENCAKER_PUBLIC_OFFICE_HOSTS = [
        f"disnaker.palembang.example={office.code}",
        f"disnaker.lain.example={other_office.code}",
    ]
    return office, other_office


def _profile(client, host, query=""):
    response = client.get(reverse("info:office") + query, HTTP_HOST=host)
    assert response.status_code == 200
    return response.content.decode()


def test_each_host_speaks_for_its_office(client, two_offices):
    office, other = two_offices
    assert other.name in _profile(client, "disnaker.lain.example")
    palembang = _profile(client, "disnaker.palembang.example:8443")
    assert office.name in palembang and other.name not in palembang
    # An explicit ?kantor= still wins.
    assert office.name in _profile(client, "disnaker.lain.example", f"?kantor={office.code}")


def test_an_unknown_host_uses_the_configured_default_then_the_first(client, two_offices, settings):
    office, other = two_offices
    assert office.pk < other.pk
    assert other.name not in _profile(client, "testserver")
    settings.PENCAKER_PUBLIC_OFFICE_CODE = other.code
    assert other.name in _profile(client, "testserver")
    settings.PENCAKER_PUBLIC_OFFICE_CODE = "99.99"  # no such office: the first one
    assert other.name not in _profile(client, "testserver")
