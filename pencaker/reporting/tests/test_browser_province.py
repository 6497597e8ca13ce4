"""The province dashboard in real Chromium on a 360 px phone: axe finds nothing, the wide
table scrolls inside its own region, and the month form works without JavaScript."""

from __future__ import annotations

import pytest

from pencaker.e2e import conftest as _e2e
from pencaker.e2e import steps

assert_accessible = _e2e.assert_accessible
axe = _e2e.axe
nojs_page = _e2e.nojs_page
page = _e2e.page
site_url = _e2e.site_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _session_into(page, base: str, user) -> None:
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="auth", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}]
    )


def test_the_province_dashboard_on_a_phone(
    page, nojs_page, live_server, site_url, assert_accessible, office_factory, user_factory
):
    import datetime as dt

    from pencaker.accounts.models import Role
    from pencaker.lifecycle.models import SeekerEvent
    from pencaker.offices.choices import OfficeKind

    province = office_factory("16", "Disnakertrans Provinsi Sumatera Selatan")
    province.kind = OfficeKind.PROVINCE
    province.save()
    for code in ("16.71", "16.74"):
        office = office_factory(code)
        SeekerEvent.objects.create(
            office=office, holder=user_factory(Role.JOB_SEEKER), kind="registered",
            occurred_on=dt.date(2026, 3, 2), sex="M", age_group="20-29",
        )  # fmt: skip
    head = user_factory(Role.PIMPINAN, office=province)

    _session_into(nojs_page, site_url, head)
    nojs_page.goto(f"{site_url}/laporan/provinsi/")
    nojs_page.fill("#id_month", "2026-03")
    steps.submit(nojs_page, nojs_page.locator("main form button[type=submit]"))
    total = nojs_page.locator("tfoot [data-figure=registered]").inner_text()
    assert total.strip() == "2"

    _session_into(page, site_url, head)
    page.goto(f"{site_url}/laporan/provinsi/?month=2026-03")
    assert_accessible(page, label="province dashboard")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the province dashboard is {width} px wide"
