"""Phone-first sign-up pages in real Chromium at 360 px: the whole flow without
JavaScript (the code read from the test's gateway), and axe-core on each page."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from pencaker.accounts.models import User
from pencaker.notifications.gateways import LoggingGateway

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

    LoggingGateway.sent.clear()
    yield make
    LoggingGateway.sent.clear()
    for context in contexts:
        context.close()


def _axe(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def _fill_signup(page, phone="0813 2222 6666"):
    page.locator("#id_phone").fill(phone)
    page.locator("#id_full_name").fill("Sari Wulandari")
    page.locator("#id_password1").fill("Kuning-Kartu-77")
    page.locator("#id_password2").fill("Kuning-Kartu-77")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Kirim kode").click()


def test_phone_signup_without_javascript(new_page):
    page = new_page(javascript=False)
    page.goto(page.base + reverse("accounts:signup"))
    page.get_by_role("link", name="Tidak punya email? Daftar hanya dengan nomor HP").click()
    _fill_signup(page)
    assert "Ketik kode dari SMS" in page.content()
    page.locator("#id_code").fill("000000")
    page.get_by_role("button", name="Konfirmasi dan buat akun").click()
    code = re.search(r"\b(\d{6})\b", LoggingGateway.sent[-1]["text"]).group(1)
    if code != "000000":
        assert "Kode salah" in page.content()
    page.locator("#id_code").fill(code)
    page.get_by_role("button", name="Konfirmasi dan buat akun").click()
    user = User.objects.get(phone="+6281322226666")
    assert user.email is None and user.phone_verified_at is not None
    assert "Akun Anda sudah siap" in page.content()


def test_phone_pages_have_no_axe_violations(new_page):
    page = new_page()
    page.goto(page.base + reverse("accounts:signup_phone"))
    _axe(page)
    page.get_by_role("button", name="Kirim kode").click()  # empty: errors shown
    assert page.locator(".error-summary").is_visible()
    _axe(page)
    _fill_signup(page)
    _axe(page)  # the code page
    page.goto(page.base + reverse("accounts:password_reset_phone"))
    _axe(page)


def test_email_add_page_has_no_axe_violations(new_page, user_factory, staff_client_factory):
    from django.utils import timezone

    user = User.objects.create_user(
        email=None, phone="+6281322227777", phone_verified_at=timezone.now(), password="x-Y-12345"
    )
    page = new_page(javascript=False)
    cookie = staff_client_factory(user).cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": page.base}])
    page.goto(page.base + reverse("accounts:email_add"))
    assert "tidak punya alamat email" in page.content()
    checker = new_page()
    checker.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": checker.base}])
    checker.goto(checker.base + reverse("accounts:email_add"))
    _axe(checker)
