"""Whole journeys in real Chromium at a phone's width: a card holder answers from the
invitation link, a walk-in answers at the kiosk, and the staff results page follows."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from pencaker.surveys.choices import InvitationReason
from pencaker.surveys.services import invitation_create

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


def assert_no_axe_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def answer_every_question(page, choice: int):
    """Click the answer with value ``choice`` (1–4) in every question, by its label."""
    for fieldset in page.locator("fieldset.survey-question").all():
        fieldset.locator(f"input[type=radio][value='{choice}']").check()


def staff_session(page, staff_client_factory, user):
    client = staff_client_factory(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": page.base}])


def test_holder_and_walk_in_answer_and_results_update(
    new_page, office, operator, period, staff_client_factory
):
    invitation = invitation_create(office=office, reason=InvitationReason.CARD_ISSUED)

    # The holder opens the link from the email on a phone, without JavaScript.
    holder = new_page(javascript=False)
    holder.goto(holder.base + invitation.path)
    expect(holder.locator("h1")).to_have_text("Bagaimana pelayanan kami?")
    expect(holder.get_by_label("Gratis")).to_be_visible()
    answer_every_question(holder, 4)
    holder.get_by_label("Jenis kelamin").select_option("female")
    holder.get_by_role("button", name="Kirim jawaban saya").click()
    expect(holder.locator("h1")).to_have_text("Terima kasih!")

    # The link works once.
    holder.goto(holder.base + invitation.path)
    expect(holder.locator("h1")).to_have_text("Sudah dijawab")

    # Staff see the first respondent.
    staff = new_page()
    staff_session(staff, staff_client_factory, operator)
    results_url = staff.base + reverse("surveys:results", kwargs={"pk": period.pk})
    staff.goto(results_url)
    expect(staff.locator("#ikm-value")).to_contain_text("100,00")
    expect(staff.locator("#ikm-value")).to_contain_text("A")
    assert_no_axe_violations(staff)

    # At the counter, an operator starts the kiosk on another device; a walk-in answers.
    kiosk = new_page()
    staff_session(kiosk, staff_client_factory, operator)
    kiosk.goto(kiosk.base + reverse("surveys:kiosk_start"))
    kiosk.get_by_role("button", name="Keluarkan saya dan mulai kios").click()
    expect(kiosk.locator("h1")).to_have_text("Bagaimana pelayanan kami hari ini?")
    assert_no_axe_violations(kiosk)
    kiosk.get_by_role("button", name="Kirim jawaban saya").click()  # nothing chosen yet
    expect(kiosk.locator(".error-summary")).to_be_visible()
    assert_no_axe_violations(kiosk)
    answer_every_question(kiosk, 1)
    kiosk.get_by_role("button", name="Kirim jawaban saya").click()
    expect(kiosk.locator(".message-success")).to_be_visible()
    expect(kiosk.locator("input[type=radio]:checked")).to_have_count(0)  # fresh form

    # The results page now counts both: (4 + 1) / 2 = 2.5 per element → 62,50, grade D.
    staff.goto(results_url)
    expect(staff.locator("#ikm-value")).to_contain_text("62,50")
    expect(staff.locator("main")).to_contain_text("2 responden")


def test_public_results_and_period_pages_have_no_axe_violations(
    new_page, operator, period, staff_client_factory
):
    page = new_page()
    page.goto(page.base + reverse("surveys:public_results"))
    expect(page.locator("h1")).to_be_visible()
    assert_no_axe_violations(page)
    staff_session(page, staff_client_factory, operator)
    page.goto(page.base + reverse("surveys:period_list"))
    assert_no_axe_violations(page)
    page.goto(page.base + reverse("surveys:paper_entry", kwargs={"pk": period.pk}))
    assert_no_axe_violations(page)


def test_operator_plans_a_follow_up_for_the_lowest_element_without_javascript(
    new_page, office, operator, period, staff_client_factory, answer_all
):
    from pencaker.surveys.choices import Channel
    from pencaker.surveys.services import Profile, response_record

    response_record(
        actor=operator,
        office=office,
        channel=Channel.PAPER,
        answers=answer_all(4, U8=1),
        profile=Profile(),
    )
    results_url = reverse("surveys:results", kwargs={"pk": period.pk})
    page = new_page(javascript=False)
    staff_session(page, staff_client_factory, operator)
    page.goto(page.base + results_url)
    expect(page.locator("svg.trend-chart")).to_be_visible()

    page.get_by_role("link", name="rencanakan tindakan untuk U8").click()
    expect(page.get_by_label("Unsur")).to_have_value("U8")
    page.get_by_role("button", name="Simpan").click()  # nothing written yet
    expect(page.locator(".error-summary")).to_be_visible()
    page.get_by_label("Tindakan").fill("Buka meja pengaduan di loket depan")
    page.get_by_label("Penanggung jawab").fill("Kepala Seksi Penempatan")
    page.get_by_label("Triwulan").select_option("2027-Q1")
    page.get_by_role("button", name="Simpan").click()

    plan = page.locator("#plan")
    expect(plan).to_contain_text("Buka meja pengaduan di loket depan")
    expect(plan).to_contain_text("2027-Q1")
    expect(plan).to_contain_text("Direncanakan")

    # axe needs JavaScript: check the same pages in a second, scripted browser.
    checker = new_page()
    staff_session(checker, staff_client_factory, operator)
    checker.goto(checker.base + results_url)
    expect(checker.locator("svg.trend-chart")).to_be_visible()
    assert_no_axe_violations(checker)
    checker.goto(checker.base + reverse("surveys:followup_add", kwargs={"pk": period.pk}))
    checker.get_by_role("button", name="Simpan").click()
    expect(checker.locator(".error-summary")).to_be_visible()
    assert_no_axe_violations(checker)
