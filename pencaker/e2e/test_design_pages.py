"""Issue 14, item 23, in real Chromium at 360 px: the staff design-system page and the
"periksa kembali jawaban Anda" page pass axe and fit the phone; the request is sent from
the check page without JavaScript, once."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pencaker.e2e import steps
from pencaker.e2e.test_journey_application import citizen, operator  # noqa: F401
from pencaker.e2e.test_vacancy_pages import _fits, _session_into

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_design_system_page_passes_axe_at_360_px_with_and_without_javascript(
    page,
    nojs_page,
    live_server,
    operator,  # noqa: F811 - the fixture imported above
    assert_accessible,
):
    base = live_server.url
    url = steps.url(base, "public:design_system")
    _session_into(page, base, operator, otp=True)
    response = page.goto(url)
    assert response is not None and response.status == 200
    assert page.locator("header.site-header").inner_text().count(operator.office.name) == 1
    assert page.locator("main .tag").count() > 30
    assert_accessible(page, label="design system")
    _fits(page, "design system")

    _session_into(nojs_page, base, operator, otp=True)
    nojs_page.goto(url)
    nojs_page.locator("#summary-list ~ .example-source summary").click()
    assert nojs_page.locator("#summary-list ~ .example-source pre").is_visible()
    _fits(nojs_page, "design system without JavaScript")


def test_check_answers_page_passes_axe_and_sends_the_request_without_javascript(
    page,
    nojs_page,
    live_server,
    citizen,  # noqa: F811 - the fixture imported above
    assert_accessible,
):
    from pencaker.applications.models import Application

    base = live_server.url
    _session_into(page, base, citizen)
    page.goto(steps.url(base, "seekers:overview"))
    page.locator("header .site-menu summary").click()  # the menu opens, then its link
    steps.submit(page, page.locator("header nav a[href$='/permohonan/periksa/']"))
    assert "Periksa kembali jawaban Anda" in page.locator("main h1").inner_text()
    assert page.get_by_role("link", name="Ubah nik").get_attribute("href") == reverse(
        "seekers:identity"
    )
    assert_accessible(page, label="check your answers")
    _fits(page, "check your answers")

    _session_into(nojs_page, base, citizen)
    nojs_page.goto(steps.url(base, "applications:check"))
    _fits(nojs_page, "check your answers without JavaScript")
    assert nojs_page.locator("input[name=type][value=new]").is_checked()
    steps.submit(nojs_page, nojs_page.get_by_role("button", name="Kirim permohonan saya"))
    application = Application.objects.get(applicant=citizen)
    assert nojs_page.url.endswith(
        reverse("applications:detail", args=[application.tracking_number])
    )
    assert nojs_page.locator("main .tag").inner_text() == "Diajukan"
