"""On a 360x740 phone: no page scrolls sideways (wide tables scroll in their own box), the
signed-in header takes at most about 15% of the screen and its menu opens without
JavaScript, and radios, checkboxes and header links are 44x44 px touch targets."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pencaker.accounts.models import Role
from pencaker.e2e import page_checks

pytestmark = pytest.mark.browser


def sign_in(page, staff_client_factory, user, base):
    cookie = staff_client_factory(user).cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": base}])


@pytest.fixture
def busy_office(office, user_factory):
    """An office with staff whose long names and addresses widen every table."""
    for i in range(4):
        user_factory(
            Role.OPERATOR,
            office=office,
            email=f"petugas.pelayanan.kartu.kuning.nomor{i}@disnaker-kota-palembang.example.go.id",
            full_name=f"Rina Kartika Dewi Purnamasari Wulandari {i}",
        )
    return office


STAFF_PAGES = [
    "accounts:staff_list",
    "seekers:staff_seeker_list",
    "seekers:staff_nik_conflicts",
    "applications:dashboard",
    "applications:queue",
    "reporting:ipk",
]


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_staff_pages_fit_a_phone(
    page, live_server, busy_office, user_factory, staff_client_factory, name
):
    admin = user_factory(Role.ADMIN_DINAS, office=busy_office)
    sign_in(page, staff_client_factory, admin, live_server.url)

    response = page.goto(live_server.url + reverse(name))

    assert response.status == 200
    assert page_checks.measure(page) == []


def test_seeker_history_and_card_check_fit_a_phone(
    page, live_server, user_factory, staff_client_factory
):
    seeker = user_factory()
    sign_in(page, staff_client_factory, seeker, live_server.url)

    page.goto(live_server.url + reverse("seekers:history"))
    assert page_checks.measure(page) == []
    page.goto(live_server.url + reverse("cards:verify"))
    page.fill("#id_number", "1671" + "9" * 40)
    page.fill("#id_birth_date", "1995-08-17")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page_checks.measure(page) == []


def test_signed_in_header_is_compact_and_its_menu_opens_without_javascript(
    nojs_page, live_server, office, user_factory, staff_client_factory
):
    operator = user_factory(Role.OPERATOR, office=office)
    sign_in(nojs_page, staff_client_factory, operator, live_server.url)
    nojs_page.goto(live_server.url + reverse("accounts:staff_home"))

    header = nojs_page.locator("header.site-header").bounding_box()
    assert header is not None and header["height"] <= 0.15 * 740
    queue = nojs_page.locator("header").get_by_role("link", name="Antrean")
    assert not queue.is_visible()
    nojs_page.locator("header summary").click()
    assert queue.is_visible()
    box = queue.bounding_box()
    assert box is not None and box["height"] >= 44
    queue.click()
    nojs_page.wait_for_url(f"**{reverse('applications:queue')}")
    assert nojs_page.locator("header").get_by_role("button", name="Keluar").is_visible()
