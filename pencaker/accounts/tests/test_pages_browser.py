"""Account pages in real Chromium at a phone's width: axe-core finds no violations."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from playwright.sync_api import expect

from pencaker.accounts.models import Role

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, transactional_db, live_server):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    page = context.new_page()
    page.base = live_server.url
    yield page
    context.close()


def assert_no_axe_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("path", ["/akun/daftar/", "/akun/masuk/", "/akun/lupa-sandi/"])
def test_account_pages_have_no_axe_violations(page, path):
    page.goto(page.base + path)
    assert_no_axe_violations(page)


def test_signup_with_mistakes_shows_errors_without_axe_violations(page):
    page.goto(page.base + "/akun/daftar/")
    page.fill("#id_email", "bukan-email")
    page.fill("#id_phone", "0812")
    page.click("main form button[type=submit]")
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#id_phone_error")).to_contain_text("Nomor HP tidak valid")
    assert_no_axe_violations(page)


def test_two_factor_setup_page_has_no_axe_violations(page, user_factory, office):
    staff = user_factory(role=Role.OPERATOR, office=office)
    client = Client()
    client.force_login(staff)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": page.base}])
    page.goto(page.base + "/akun/dua-langkah/")
    expect(page.locator("img[src^='data:image/svg+xml']")).to_be_visible()
    assert_no_axe_violations(page)
