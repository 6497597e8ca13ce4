"""The document page in real Chromium on a phone-sized screen: uploads work with and
without JavaScript, mistakes are explained next to the field, axe-core finds nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from pencaker.documents.models import Document
from pencaker.documents.tests import samples

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user) -> None:
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


def test_seeker_uploads_documents_and_sees_clear_errors(
    page,
    live_server,
    seeker,
    tmp_path,
    assert_accessible,
):
    log_in(page, live_server, seeker)
    page.goto(live_server.url + "/dokumen/")
    assert page.get_by_role("heading", name="Dokumen saya").is_visible()
    assert_accessible(page, label="document list")

    landscape = tmp_path / "foto.jpg"
    landscape.write_bytes(samples.jpeg(800, 600))
    page.get_by_label("Berkas Pas foto berwarna 3x4").set_input_files(str(landscape))
    page.locator("#doc-photo").get_by_role("button", name="Unggah").click()
    assert "Pas foto 3x4 harus tegak" in page.locator("#id_photo-file_error").inner_text()
    assert page.locator(".error-summary").is_visible()
    assert_accessible(page, label="upload page with an error")

    exe = tmp_path / "ktp.jpg"
    exe.write_bytes(samples.exe())
    page.goto(live_server.url + "/dokumen/ktp/unggah/")
    page.get_by_label("Berkas KTP (Kartu Tanda Penduduk)").set_input_files(str(exe))
    page.get_by_role("button", name="Unggah").click()
    assert (
        "Berkas ini bukan gambar JPEG/PNG atau PDF"
        in page.locator("#id_ktp-file_error").inner_text()
    )

    photo = tmp_path / "foto-3x4.jpg"
    photo.write_bytes(samples.jpeg(600, 800, gps=True))
    page.goto(live_server.url + "/dokumen/photo/unggah/")
    page.get_by_label("Berkas Pas foto berwarna 3x4").set_input_files(str(photo))
    page.get_by_role("button", name="Unggah").click()
    assert page.url == live_server.url + "/dokumen/"
    assert "tersimpan" in page.locator(".messages").inner_text()
    assert Document.objects.filter(owner=seeker, kind="photo").exists()
    assert_accessible(page, label="document list after upload")
    page.console_log.assert_clean()


def test_upload_works_without_javascript(nojs_page, live_server, seeker, tmp_path):
    log_in(nojs_page, live_server, seeker)
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(samples.jpeg(600, 800))
    nojs_page.goto(live_server.url + "/dokumen/")
    nojs_page.get_by_label("Berkas Pas foto berwarna 3x4").set_input_files(str(photo))
    nojs_page.locator("#doc-photo").get_by_role("button", name="Unggah").click()
    assert nojs_page.url == live_server.url + "/dokumen/"
    assert nojs_page.locator("#doc-photo .status-ok").is_visible()
    assert Document.objects.filter(owner=seeker, kind="photo").exists()
