"""The guide in real Chromium on a phone: readable without JavaScript, axe-clean."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_offices(office, other_office):
    office.address = "Jl. Merdeka No. 1, Palembang"
    office.phone = "0812-3456-7890"
    office.save()
    other_office.required_documents = ["ktp", "photo"]
    other_office.save()
    return office, other_office


def test_citizen_chooses_an_office_and_opens_print_and_poster_without_javascript(
    nojs_page, live_server, two_offices
):
    palembang, prabumulih = two_offices
    page = nojs_page
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Baca panduan lengkap").click()
    assert page.get_by_role("heading", name="Layanan ini GRATIS").is_visible()
    assert page.get_by_text("Ijazah terakhir").count() == 1

    page.get_by_label("Kantor Anda (kabupaten/kota)").select_option(prabumulih.code)
    page.get_by_role("button", name="Tampilkan").click()
    assert f"kantor={prabumulih.code}" in page.url
    assert page.get_by_text(f"Panduan ini untuk {prabumulih.name}").is_visible()
    assert page.get_by_text("Ijazah terakhir").count() == 0

    page.get_by_role("link", name="Versi cetak").click()
    assert page.locator("nav").count() == 0
    assert page.get_by_text(prabumulih.name).first.is_visible()

    page.goto(live_server.url + "/panduan/poster/")
    qr = page.get_by_role("img", name="Kode QR")
    box = qr.bounding_box()
    assert box is not None and box["width"] >= 300  # big enough to scan from a distance
    page.console_log.assert_clean()


def test_guide_pages_have_no_axe_violations(page, live_server, two_offices, assert_accessible):
    for path in ("/panduan/", "/panduan/?kantor=99.99", "/panduan/cetak/", "/panduan/poster/"):
        page.goto(live_server.url + path)
        assert_accessible(page, label=path)
    page.emulate_media(media="print")
    page.goto(live_server.url + "/panduan/cetak/")
    assert page.locator(".screen-only").is_hidden()
    assert_accessible(page, label="print media")
    page.console_log.assert_clean()


@pytest.mark.parametrize("path", ["/panduan/cetak/", "/panduan/poster/"])
def test_printable_guide_and_poster_fit_on_one_a4_page(page, live_server, two_offices, path):
    import io

    from pypdf import PdfReader

    palembang, _ = two_offices
    palembang.address = "Jl. Merdeka No. 1, Kelurahan Tiga Puluh Lima Ilir, Palembang 30121"
    palembang.email = "disnaker@palembang.example.go.id"
    palembang.required_documents = ["ktp", "photo", "ijazah", "kk"]
    palembang.save()
    page.goto(live_server.url + path)
    pdf = page.pdf(format="A4", print_background=True)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
