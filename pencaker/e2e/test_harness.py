"""The harness itself works: Chromium renders the Indonesian home page, axe-core runs,
and mail sent by Django arrives at the test SMTP server."""

from __future__ import annotations

import pytest
from django.core.mail import send_mail

pytestmark = pytest.mark.browser


def test_home_page_renders_in_indonesian_on_a_phone(page, live_server, assert_accessible):
    page.goto(live_server.url + "/")

    assert page.locator("html").get_attribute("lang") == "id"
    assert page.viewport_size == {"width": 360, "height": 740}
    assert page.get_by_role("link", name="Masuk").first.is_visible()
    assert_accessible(page, label="home")
    page.console_log.assert_clean()


def test_home_page_works_without_javascript(nojs_page, live_server):
    nojs_page.goto(live_server.url + "/")

    assert nojs_page.locator("html").get_attribute("lang") == "id"
    assert nojs_page.get_by_role("link", name="Masuk").first.is_visible()


def test_mail_from_django_travels_over_smtp_to_the_test_server(mailbox, transactional_db):
    sent = send_mail(
        "Verifikasi email", "Buka http://example.test/verify/abc", None, ["siti@example.id"]
    )

    assert sent == 1
    [message] = mailbox.to("siti@example.id")
    assert message["Subject"] == "Verifikasi email"
    assert mailbox.links(message) == ["http://example.test/verify/abc"]
