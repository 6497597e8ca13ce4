"""The reassign page in real Chromium: axe-clean, error summary, works without JavaScript."""

from __future__ import annotations

import pytest
from django.test import Client

from pencaker.applications.choices import Status
from pencaker.e2e import conftest as _e2e

assert_accessible = _e2e.assert_accessible
axe = _e2e.axe
page = _e2e.page
nojs_page = _e2e.nojs_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in_staff(page, live_server, user) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(user=user, name="default", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    host = live_server.url.split("//", 1)[1].split(":")[0]
    page.context.add_cookies(
        [{"name": "sessionid", "value": session.session_key, "domain": host, "path": "/"}]
    )


def test_admin_hands_over_from_the_review_screen(
    nojs_page, page, live_server, make_application, admin_dinas, operator2, assert_accessible
):
    application = make_application(Status.IN_REVIEW)
    operator2.full_name = "Rina Petugas"
    operator2.save()

    # Without JavaScript: from the review screen to the form, choose, hand over.
    log_in_staff(nojs_page, live_server, admin_dinas)
    nojs_page.goto(f"{live_server.url}/permohonan/petugas/{application.pk}/")
    nojs_page.get_by_role("link", name="Alihkan ke petugas lain").click()
    nojs_page.get_by_label("Petugas baru").select_option(str(operator2.pk))
    nojs_page.get_by_role("button", name="Alihkan").click()
    assert "Rina Petugas sekarang memeriksa permohonan ini" in nojs_page.inner_text("main")
    application.refresh_from_db()
    assert application.claimed_by_id == operator2.pk
    nojs_page.console_log.assert_clean()

    # axe-core (needs JavaScript) on the form and its error state.
    log_in_staff(page, live_server, admin_dinas)
    page.goto(f"{live_server.url}/permohonan/petugas/{application.pk}/alihkan/")
    assert_accessible(page, label="reassign form")
    # The browser itself refuses an empty choice; skip that check to see the server's answer.
    page.locator("#id_operator").evaluate("select => select.removeAttribute('required')")
    page.get_by_role("button", name="Alihkan").click()
    summary = page.locator(".error-summary")
    assert "Pilih petugas yang akan memeriksa" in summary.inner_text()
    assert_accessible(page, label="reassign errors")
    page.console_log.assert_clean()
