"""The staff-only design-system page: every component live, with its template beside it."""

from __future__ import annotations

import html as html_lib

import pytest
from django.urls import reverse

from pencaker.accounts.models import Role
from pencaker.public.design_system import EXAMPLES

URL = reverse("public:design_system")


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.JOB_SEEKER, Role.EMPLOYER])
def test_citizens_and_employers_are_refused(client, user_factory, role):
    client.force_login(user_factory(role))
    assert client.get(URL).status_code == 403


@pytest.mark.django_db
def test_staff_see_each_component_rendered_with_its_template(
    office, user_factory, staff_client_factory
):
    staff = staff_client_factory(user_factory(Role.PIMPINAN, office=office))
    response = staff.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for example in EXAMPLES:
        assert f'id="{example.slug}"' in html
    # Live: the header example names the office, the tags are rendered from the registry...
    assert html.count(office.name) >= 2
    assert '<strong class="tag tag-green">Disetujui</strong>' in html
    assert '<strong class="tag tag-red">Kedaluwarsa</strong>' in html
    assert '<button type="button" class="warning">' in html
    assert '<div class="summary-row">' in html
    assert '<table class="table-stack">' in html
    # ...and each comes with the template that rendered it, escaped.
    source = html_lib.unescape(html)
    assert "{% status_tag_for kind value %}" in source
    assert '{% include "includes/summary_row.html" with key=key value="Siti Aminah"' in source
    assert '{% include "includes/site_brand.html" %}' in source


@pytest.mark.django_db
def test_the_staff_home_page_links_it(office, user_factory, staff_client_factory):
    staff = staff_client_factory(user_factory(Role.OPERATOR, office=office))
    page = staff.get(reverse("accounts:staff_home")).content.decode()
    assert f'href="{URL}"' in page
