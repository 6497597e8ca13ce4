"""The IPK dashboard in real Chromium at a phone's width: works without JavaScript, and
axe-core finds no violations (tables, chart, picker, error summary)."""

from __future__ import annotations

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from pencaker.accounts.models import Role
from pencaker.lifecycle.models import SeekerEvent

pytestmark = pytest.mark.browser


@pytest.fixture
def new_page(browser, transactional_db, live_server):
    contexts = []

    def make(*, javascript: bool = True):
        context = browser.new_context(
            viewport={"width": 360, "height": 740}, locale="id-ID", java_script_enabled=javascript
        )
        contexts.append(context)
        page = context.new_page()
        page.base = live_server.url
        return page

    yield make
    for context in contexts:
        context.close()


def login(page, staff_client_factory, user):
    cookie = staff_client_factory(user).cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": page.base}])


def test_head_of_office_picks_a_month_without_javascript_and_pages_pass_axe(
    new_page, office, user_factory, staff_client_factory, holder_factory
):
    for i, (sex, group) in enumerate([("M", "20-29"), ("F", "15-19"), ("F", "30-44")]):
        SeekerEvent.objects.create(
            office=office,
            holder=holder_factory(),
            kind="registered",
            occurred_on=dt.date(2025, 3, 3 + i),
            sex=sex,
            age_group=group,
            education_level="SMA",
        )
    head = user_factory(Role.PIMPINAN, office=office)
    page = new_page(javascript=False)
    login(page, staff_client_factory, head)
    page.goto(page.base + reverse("reporting:ipk"))
    page.get_by_label("Bulan, semester, atau tahun").select_option("03")
    page.get_by_role("spinbutton", name="Tahun").fill("2025")
    page.get_by_role("button", name="Tampilkan").click()
    assert "Maret 2025" in page.content()
    assert page.locator("svg.ipk-chart").count() == 1
    assert page.locator("table.ipk-table").count() == 3

    checker = new_page(javascript=True)
    login(checker, staff_client_factory, head)
    checker.goto(checker.base + reverse("reporting:ipk") + "?period=03&year=2025")
    results = Axe().run(checker)
    assert results.violations_count == 0, results.generate_report()
    checker.goto(checker.base + reverse("reporting:ipk") + "?period=13&year=abc")
    assert checker.locator(".error-summary").count() == 1
    results = Axe().run(checker)
    assert results.violations_count == 0, results.generate_report()
