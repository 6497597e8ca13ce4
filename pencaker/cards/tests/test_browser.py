"""In real Chromium on a phone-sized screen: the holder downloads the signed card; an
anonymous employer checks it by number and date of birth without JavaScript."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    host = live_server.url.split("//", 1)[1].split(":")[0]
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "domain": host,
                "path": "/",
            }
        ]
    )


def test_holder_downloads_the_card_and_an_employer_verifies_it(
    page, nojs_page, live_server, card, tmp_path, assert_accessible
):
    from pencaker.cards import signing

    # The holder downloads the card from their page.
    _log_in(page, live_server, card.holder)
    page.goto(live_server.url + "/kartu/")
    assert_accessible(page, label="my cards")
    link = page.get_by_role("link", name=card.number)
    with page.expect_download() as download_info:
        link.click()
    target = tmp_path / "downloaded.pdf"
    download_info.value.save_as(target)
    pdf = target.read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert signing.validate_pdf(pdf, trust_anchor=signing.trust_anchor_pem()).ok
    page.console_log.assert_clean()

    # An anonymous employer checks it by number and date of birth, without JavaScript.
    employer = nojs_page
    employer.goto(live_server.url + "/kartu/cek/")
    employer.get_by_label("Nomor kartu").fill(card.number.replace("-", " "))
    employer.get_by_label("Tanggal lahir pemegang kartu").fill(card.birth_date.isoformat())
    employer.get_by_role("button", name="Periksa kartu").click()
    verdict = employer.get_by_role("status").filter(has_text="Kartu asli")
    assert "Kartu asli dan masih berlaku" in verdict.inner_text()
    assert "Siti Rahmawati" in verdict.inner_text()

    # A typing mistake in the number is named next to the field.
    employer.get_by_label("Nomor kartu").fill(
        card.number[:-1] + str((int(card.number[-1]) + 1) % 10)
    )
    employer.get_by_label("Tanggal lahir pemegang kartu").fill(card.birth_date.isoformat())
    employer.get_by_role("button", name="Periksa kartu").click()
    assert "digit pemeriksa salah" in employer.locator(".field-error").inner_text()
    employer.console_log.assert_clean()

    # axe-core needs JavaScript: check the same pages in the JavaScript context.
    page.goto(live_server.url + "/kartu/cek/")
    assert_accessible(page, label="check form")
    page.get_by_label("Nomor kartu").fill(card.number)
    page.get_by_label("Tanggal lahir pemegang kartu").fill(card.birth_date.isoformat())
    page.get_by_role("button", name="Periksa kartu").click()
    page.get_by_text("Kartu asli dan masih berlaku").wait_for()
    assert_accessible(page, label="verdict")
    page.goto(live_server.url + "/kartu/cek/")
    page.get_by_label("Nomor kartu").fill("1671")
    page.get_by_role("button", name="Periksa kartu").click()
    page.locator(".error-summary").wait_for()
    assert_accessible(page, label="form errors")
    page.console_log.assert_clean()
