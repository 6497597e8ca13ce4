"""The follow-up plan cites a complaint, in real Chromium at a phone's width without
JavaScript: a wrong number is refused with an Indonesian message, a number of this office
is kept and links to the complaint for staff; axe-core finds no violations."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from pencaker.complaints import services as complaints
from pencaker.complaints.choices import Category, Privacy

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


def staff_session(page, staff_client_factory, user):
    cookie = staff_client_factory(user).cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": page.base}])


def assert_no_axe_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_operator_cites_a_complaint_in_the_plan_without_javascript(
    new_page, office, operator, period, staff_client_factory
):
    complaint, _created = complaints.complaint_submit(
        actor=None,
        data=complaints.ComplaintInput(
            office=office,
            category=Category.FEES,
            text="Diminta biaya di loket.",
            privacy=Privacy.ANONYMOUS,
        ),
    )
    add_url = reverse("surveys:followup_add", kwargs={"pk": period.pk})
    page = new_page(javascript=False)
    staff_session(page, staff_client_factory, operator)
    page.goto(page.base + add_url + "?unsur=U8")
    page.get_by_label("Tindakan").fill("Tempel tarif resmi (gratis) di loket")
    page.get_by_label("Penanggung jawab").fill("Kepala Seksi Penempatan")
    page.get_by_label("Triwulan").select_option("2027-Q1")
    page.get_by_label("Pengaduan yang dijawab (opsional)").fill("ADU-2601-ZZZZ-ZZZZ")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator(".error-summary")).to_contain_text(
        "Tidak ada pengaduan kantor ini dengan nomor pelacakan ADU-2601-ZZZZ-ZZZZ."
    )
    page.get_by_label("Pengaduan yang dijawab (opsional)").fill(complaint.tracking_number)
    page.get_by_role("button", name="Simpan").click()

    plan = page.locator("#plan")
    link = plan.get_by_role("link", name=complaint.tracking_number)
    expect(link).to_have_attribute(
        "href", reverse("complaints:staff_detail", kwargs={"pk": complaint.pk})
    )

    checker = new_page()
    staff_session(checker, staff_client_factory, operator)
    checker.goto(checker.base + reverse("surveys:results", kwargs={"pk": period.pk}))
    expect(checker.locator("#plan")).to_contain_text(complaint.tracking_number)
    assert_no_axe_violations(checker)
    checker.goto(checker.base + add_url)
    checker.get_by_label("Pengaduan yang dijawab (opsional)").fill("ADU<1>")
    checker.get_by_role("button", name="Simpan").click()
    expect(checker.locator(".error-summary")).to_be_visible()
    assert_no_axe_violations(checker)
