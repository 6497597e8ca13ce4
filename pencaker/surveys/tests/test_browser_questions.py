"""The office's own survey questions in real Chromium at a phone's width (the e2e page
checks run on every page): the admin dinas finds the screen from the office settings, adds
a question to an element, the pimpinan reads it, and the next survey form asks it (a
citizen's page, so without JavaScript)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from pencaker.accounts.models import Role
from pencaker.e2e import conftest as _e2e
from pencaker.surveys.choices import InvitationReason
from pencaker.surveys.services import invitation_create

assert_accessible = _e2e.assert_accessible
axe = _e2e.axe
nojs_page = _e2e.nojs_page
page = _e2e.page
site_url = _e2e.site_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTION = "Apakah antrean di loket tertib?"


def _session_into(page, base: str, user, staff_client_factory) -> None:
    client = staff_client_factory(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}]
    )


def test_admin_adds_a_question_and_the_next_form_asks_it(
    page, nojs_page, site_url, assert_accessible, office, user_factory, staff_client_factory
):
    admin = user_factory(role=Role.ADMIN_DINAS, office=office)
    _session_into(page, site_url, admin, staff_client_factory)

    page.goto(site_url + reverse("offices:settings"))
    page.get_by_role("link", name="Pertanyaan survei").click()
    expect(page.locator("h1")).to_have_text("Pertanyaan survei")
    assert page.locator("section h2").count() == 9
    assert_accessible(page, label="questions (admin)")

    page.get_by_role("link", name="Tambah pertanyaan pada U3").click()
    assert_accessible(page, label="add question")
    page.locator("main form button[type=submit]").click()  # empty: refused, in Indonesian
    expect(page.get_by_text("Tulis pertanyaan dalam bahasa Indonesia.").first).to_be_visible()
    assert_accessible(page, label="add question refused")
    page.get_by_label("Pertanyaan (bahasa Indonesia)").fill(QUESTION)
    page.get_by_label("Pertanyaan (bahasa Inggris)").fill("Was the counter queue orderly?")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Pertanyaan survei")
    expect(page.locator("#element-U3 ~ ul li").first).to_contain_text(QUESTION)
    assert_accessible(page, label="questions after add")

    head = user_factory(role=Role.PIMPINAN, office=office)
    _session_into(page, site_url, head, staff_client_factory)
    page.goto(site_url + reverse("surveys:questions"))
    expect(page.locator("#element-U3 ~ ul li").first).to_have_text(QUESTION)
    expect(page.get_by_role("link", name="Tambah pertanyaan pada U3")).to_have_count(0)
    assert_accessible(page, label="questions (pimpinan)")

    invitation = invitation_create(office=office, reason=InvitationReason.CARD_ISSUED)
    nojs_page.goto(site_url + invitation.path)
    expect(nojs_page.get_by_text(QUESTION)).to_be_visible()
