import pytest
from django.urls import reverse

from pencaker.accounts.models import Role


@pytest.mark.django_db
def test_admin_dinas_dashboard_links_every_staff_area(user_factory, office, staff_client_factory):
    admin = user_factory(Role.ADMIN_DINAS, office=office)
    page = staff_client_factory(admin).get(reverse("accounts:staff_home")).content.decode()
    for name in [
        "applications:queue",
        "applications:assisted",
        "applications:dashboard",
        "applications:reasons",
        "lifecycle:staff_card",
        "lifecycle:staff_settings",
        "reporting:ipk",
        "surveys:period_list",
        "accounts:staff_list",
    ]:
        assert f'href="{reverse(name)}"' in page, name


@pytest.mark.django_db
def test_pimpinan_sees_reports_but_not_admin_tools(user_factory, office, staff_client_factory):
    head = user_factory(Role.PIMPINAN, office=office)
    page = staff_client_factory(head).get(reverse("accounts:staff_home")).content.decode()
    assert f'href="{reverse("reporting:ipk")}"' in page
    assert f'href="{reverse("applications:reasons")}"' not in page
