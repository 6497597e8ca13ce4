"""The site header names the office the page belongs to: a staff member's own office, the
installation's default office on other pages; its logo where one is installed, else the
name alone as the wordmark."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from pencaker.accounts.models import Role


def header(response) -> str:
    html = response.content.decode()
    return re.search(r'<header class="site-header">(.*?)</header>', html, re.S).group(1)


@pytest.mark.django_db
def test_public_pages_name_the_default_office(client, office, other_office):
    brand = header(client.get(reverse("public:guide")))
    assert office.name in brand
    assert other_office.name not in brand
    assert "Pencaker" in brand


@pytest.mark.django_db
def test_staff_pages_name_the_staff_members_office(
    other_office, office, user_factory, staff_client_factory
):
    operator = user_factory(Role.OPERATOR, office=office)
    staff = staff_client_factory(operator)
    brand = header(staff.get(reverse("applications:queue")))
    assert office.name in brand
    assert other_office.name not in brand


@pytest.mark.django_db
def test_the_staff_header_names_the_second_office_for_its_staff(
    office, other_office, user_factory, staff_client_factory
):
    operator = user_factory(Role.OPERATOR, office=other_office)
    brand = header(staff_client_factory(operator).get(reverse("applications:queue")))
    assert other_office.name in brand
    assert office.name not in brand


@pytest.mark.django_db
def test_the_landing_page_shows_the_office_once_read_and_stays_query_free(
    client, office, django_assert_num_queries
):
    with django_assert_num_queries(0):
        first = client.get(reverse("public:home"))
    assert "Pencaker" in header(first)
    client.get(reverse("public:guide"))  # any other page reads the default office
    with django_assert_num_queries(0):
        later = client.get(reverse("public:home"))
    assert office.name in header(later)


@pytest.mark.django_db
def test_a_renamed_office_shows_its_new_name(client, office):
    client.get(reverse("public:guide"))
    office.name = "Dinas Ketenagakerjaan Kota Palembang"
    office.save()
    assert "Dinas Ketenagakerjaan Kota Palembang" in header(client.get(reverse("public:guide")))


@pytest.mark.django_db
def test_without_a_logo_the_name_is_a_text_wordmark(client, office):
    brand = header(client.get(reverse("public:guide")))
    assert "<img" not in brand
    assert office.name in brand


@pytest.mark.django_db
def test_an_installed_logo_is_shown_beside_the_name(client, office, settings, tmp_path):
    logos = tmp_path / "static" / "offices" / "logos"
    logos.mkdir(parents=True)
    (logos / "16-71.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    settings.STATICFILES_DIRS = [tmp_path / "static"]
    from django.contrib.staticfiles import finders

    finders.get_finder.cache_clear()
    try:
        brand = header(client.get(reverse("public:guide")))
    finally:
        finders.get_finder.cache_clear()
    assert re.search(
        r'<img class="brand-logo" src="/static/offices/logos/16-71\.svg" alt=""', brand
    )
    assert office.name in brand  # the logo is decoration: the name is the link's text
