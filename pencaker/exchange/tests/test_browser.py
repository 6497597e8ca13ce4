"""The holders import screen and the claim pages in real Chromium at a phone's width
(360 px): the row report, the confirmation, axe-core finds no violations; the citizen's
claim pages work without JavaScript."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.urls import reverse

from pencaker.accounts.models import Role, User
from pencaker.cards.models import Card
from pencaker.exchange.tests.conftest import holder_row, to_csv, village_in
from pencaker.notifications.models import Notification

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


def _axe(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_admin_checks_a_file_sees_the_bad_row_fixes_it_and_confirms(
    new_page, office, user_factory, staff_client_factory, tmp_path
):
    village_in(office)
    admin = user_factory(Role.ADMIN_DINAS, office=office)
    rows = [holder_row(i) for i in range(4)]
    good = [dict(r) for r in rows]
    rows[2]["nomor_kartu"] = "1671-2024-000003-9"
    bad_file = tmp_path / "register-salah.csv"
    bad_file.write_bytes(to_csv(rows, delimiter=";"))
    good_file = tmp_path / "register.csv"
    good_file.write_bytes(to_csv(good))

    page = new_page()
    login(page, staff_client_factory, admin)
    page.goto(page.base + reverse("exchange:holders_import"))
    _axe(page)
    page.get_by_label("Berkas register (CSV atau XLSX)").set_input_files(str(bad_file))
    page.get_by_role("button", name="Periksa berkas").click()
    problems = page.get_by_role("table", name="Masalah per baris")
    assert problems.locator("tbody tr").count() == 1
    assert "4" in problems.locator("tbody th").first.inner_text()
    assert "angka pemeriksa" in problems.inner_text()
    _axe(page)
    assert Card.objects.count() == 0

    page.get_by_label("Berkas register (CSV atau XLSX)").set_input_files(str(good_file))
    page.get_by_role("button", name="Periksa berkas").click()
    assert "4 baru" in page.get_by_role("status").inner_text()
    _axe(page)
    page.get_by_role("button", name="Konfirmasi impor").click()
    assert page.get_by_role("heading", name="Sudah diimpor").count() == 1
    assert Card.objects.filter(office=office).count() == 4
    _axe(page)


def test_imported_holder_claims_the_account_without_javascript(new_page, office):
    from pencaker.exchange.holders_import import holders_import

    village_in(office)
    row = holder_row(5)
    assert holders_import(office=office, data=to_csv([row]), actor=None).committed
    page = new_page(javascript=False)
    page.goto(page.base + reverse("exchange:claim_start"))
    assert "Klaim akun Anda" in page.content()
    page.get_by_label("NIK").fill(row["nik"])
    page.get_by_label("Tanggal lahir").fill(row["tanggal_lahir"])
    page.get_by_label("Alamat email untuk kode").fill("pemegang@example.id")
    page.get_by_role("button", name="Kirim kode").click()
    # the outbox deletes a code's message once delivered: read it from the email sent
    assert not Notification.objects.filter(kind="exchange.claim_code").exists()
    sent = [m for m in mail.outbox if "pemegang@example.id" in m.to]
    code = re.search(r"\b(\d{6})\b", sent[-1].body)
    page.get_by_label("Kode").fill(code.group(1))
    page.get_by_label("Kata sandi baru").fill("Kata-Sandi-Baru-1")
    page.get_by_role("button", name="Klaim akun saya").click()
    assert User.objects.get(email="pemegang@example.id").has_usable_password()

    checker = new_page()
    checker.goto(checker.base + reverse("exchange:claim_start"))
    _axe(checker)
