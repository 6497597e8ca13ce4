"""The revocation pages in real Chromium at 360 px: an admin dinas asks (with evidence),
a second admin confirms, the holder objects without JavaScript, the public page says
"dicabut". axe on every page (issue 16)."""

from __future__ import annotations

import io

import pytest

from pencaker.accounts.models import Role
from pencaker.applications.tests.test_reassign_browser import log_in_staff
from pencaker.cards.choices import CardStatus, RevocationStatus
from pencaker.cards.models import Card, CardRevocation
from pencaker.cards.tests.test_browser import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _jpeg(tmp_path):
    from PIL import Image

    target = tmp_path / "bukti.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (640, 400), (210, 200, 190)).save(buffer, "JPEG")
    target.write_bytes(buffer.getvalue())
    return target


def test_two_admins_revoke_and_the_holder_objects(
    page, nojs_page, live_server, card, user_factory, office, tmp_path, assert_accessible
):
    first = user_factory(Role.ADMIN_DINAS, office=office, full_name="Admin Satu")
    second = user_factory(Role.ADMIN_DINAS, office=office, full_name="Admin Dua")

    # The first admin asks, with evidence; the form's errors are accessible too.
    log_in_staff(page, live_server, first)
    page.goto(f"{live_server.url}/kartu/petugas/pencabutan/")
    assert_accessible(page, label="revocation list")
    page.get_by_role("button", name="Ajukan pencabutan").click()
    assert page.locator(".error-summary").is_visible()
    assert_accessible(page, label="revocation form errors")
    page.get_by_label("Nomor kartu").fill(card.number)
    page.get_by_label("Alasan").select_option("forged_document")
    page.get_by_label("Temuan").fill("Ijazah tidak terdaftar.")
    page.get_by_label("Bukti").set_input_files(str(_jpeg(tmp_path)))
    page.get_by_role("button", name="Ajukan pencabutan").click()
    assert "Admin dinas kedua atau pimpinan harus mengonfirmasinya" in page.inner_text("main")
    assert page.get_by_role("button", name="Catat keputusan").count() == 0
    assert_accessible(page, label="revocation detail, requester")
    revocation = CardRevocation.objects.get()

    # A second admin confirms.
    log_in_staff(page, live_server, second)
    page.goto(f"{live_server.url}/kartu/petugas/pencabutan/{revocation.pk}/")
    assert_accessible(page, label="revocation detail, confirmer")
    page.get_by_label("Keputusan").select_option("confirm")
    page.get_by_role("button", name="Catat keputusan").click()
    assert "Keputusan dicatat" in page.inner_text("main")
    assert Card.objects.get(pk=card.pk).status == CardStatus.REVOKED
    page.console_log.assert_clean()

    # The public check (by QR link) says revoked, without the holder's name.
    nojs_page.goto(f"{live_server.url}/kartu/v/{card.token}")
    verdict = nojs_page.inner_text("main")
    assert "dicabut" in verdict.lower() and card.holder_name not in verdict

    # The holder objects without JavaScript.
    _log_in(nojs_page, live_server, card.holder)
    nojs_page.goto(f"{live_server.url}/kartu/pencabutan/{revocation.pk}/")
    assert "Menggunakan dokumen palsu" in nojs_page.inner_text("main")
    nojs_page.get_by_label("Mengapa kartu tidak seharusnya dicabut").fill("Ijazah saya asli.")
    nojs_page.get_by_role("button", name="Kirim keberatan").click()
    assert "Keberatan Anda sudah dikirim" in nojs_page.inner_text("main")
    revocation.refresh_from_db()
    assert revocation.status == RevocationStatus.OBJECTED
    _log_in(page, live_server, card.holder)
    page.goto(f"{live_server.url}/kartu/pencabutan/{revocation.pk}/")
    assert_accessible(page, label="holder's revocation page")
