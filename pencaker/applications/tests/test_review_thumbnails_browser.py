"""The review page's document thumbnails in real Chromium: every thumbnail loads (images
and a PDF's first page), the page passes axe and fits 360 px (page checks)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pencaker.applications.tests.test_reassign_browser import log_in_staff
from pencaker.documents.services import document_upload
from pencaker.documents.tests import samples
from pencaker.e2e import conftest as _e2e

assert_accessible = _e2e.assert_accessible
axe = _e2e.axe
page = _e2e.page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_review_page_thumbnails_load_and_pass_axe(
    page, live_server, seeker_factory, make_application, operator, assert_accessible
):
    user = seeker_factory(documents=("ktp", "photo"))
    document_upload(
        actor=user,
        owner=user,
        kind="ijazah",
        uploaded_file=SimpleUploadedFile("ijazah.pdf", samples.pdf(), "application/pdf"),
    )
    application = make_application(user=user)

    log_in_staff(page, live_server, operator)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/permohonan/petugas/{application.pk}/")
    thumbs = page.locator("img.doc-thumb")
    assert thumbs.count() == 3
    for index in range(3):
        thumbs.nth(index).scroll_into_view_if_needed()
        thumbs.nth(index).evaluate("img => img.decode()")
        assert thumbs.nth(index).evaluate("img => img.naturalWidth") > 0
        assert thumbs.nth(index).bounding_box()["width"] <= 120
    assert_accessible(page, label="review with thumbnails")
    page.console_log.assert_clean()
