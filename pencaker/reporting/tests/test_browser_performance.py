"""The staff performance page in real Chromium at a phone's width: the head of office picks
a month without JavaScript and reads each operator's complaints naming them; an operator
sees only their own figures; axe-core finds no violations."""

from __future__ import annotations

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from pencaker.accounts.models import Role
from pencaker.complaints.choices import Category, Privacy
from pencaker.complaints.models import Complaint
from pencaker.core.calendar import JAKARTA

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


def test_performance_page_shows_complaints_naming_each_operator(
    new_page, office, user_factory, staff_client_factory
):
    oki = user_factory(Role.OPERATOR, office=office, full_name="Oki Operator")
    ola = user_factory(Role.OPERATOR, office=office, full_name="Ola Operator")
    head = user_factory(Role.PIMPINAN, office=office, full_name="Kepala Dinas")
    for n, (named, day) in enumerate([(oki, 3), (oki, 20), (ola, 9)]):
        received = dt.datetime(2026, 3, day, 10, tzinfo=JAKARTA)
        Complaint.objects.create(
            office=office,
            tracking_number=f"ADU-2603-BRWS-{n:04d}",
            secret_nonce="x" * 32,
            category=Category.STAFF_BEHAVIOUR,
            privacy=Privacy.CONFIDENTIAL,
            name="Pelapor Rahasia",
            text="Petugas tidak ramah.",
            named_staff=named,
            received_at=received,
            verify_due_at=received + dt.timedelta(days=3),
        )
    url = reverse("reporting:performance")

    page = new_page(javascript=False)
    login(page, staff_client_factory, head)
    page.goto(page.base + url)
    page.get_by_role("textbox", name="Bulan").fill("2026-03")
    page.get_by_role("button", name="Tampilkan").click()
    oki_block = page.locator("section.performance-operator", has_text="Oki Operator")
    ola_block = page.locator("section.performance-operator", has_text="Ola Operator")
    expect(oki_block.locator('[data-figure="complaints"]')).to_have_text("2")
    expect(ola_block.locator('[data-figure="complaints"]')).to_have_text("1")
    expect(oki_block).to_contain_text("Pengaduan yang menyebut petugas")
    assert "Pelapor Rahasia" not in page.content()

    checker = new_page()
    login(checker, staff_client_factory, head)
    checker.goto(checker.base + url + "?month=2026-03")
    results = Axe().run(checker)
    assert results.violations_count == 0, results.generate_report()

    own = new_page()
    login(own, staff_client_factory, ola)
    own.goto(own.base + url + "?month=2026-03")
    expect(own.locator("section.performance-operator")).to_have_count(1)
    expect(own.locator('[data-figure="complaints"]')).to_have_text("1")
    assert "Oki Operator" not in own.content()
    results = Axe().run(own)
    assert results.violations_count == 0, results.generate_report()
