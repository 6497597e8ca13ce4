"""The operator sees the rendered card preview on the review screen before approving
(issue 16): real Chromium at 360 px, axe-clean, images actually decoded."""

from __future__ import annotations

import pytest

from pencaker.applications.choices import Status
from pencaker.applications.tests.test_reassign_browser import log_in_staff
from pencaker.e2e import conftest as _e2e

assert_accessible = _e2e.assert_accessible
axe = _e2e.axe
page = _e2e.page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _card_data_dir(settings, tmp_path):
    from pencaker.cards import signing

    settings.DATA_DIR = tmp_path / "data"
    signing._cache.clear()
    yield
    signing._cache.clear()


def test_operator_sees_both_sides_of_the_card_before_approving(
    page, live_server, make_application, operator, assert_accessible
):
    application = make_application(Status.IN_REVIEW)
    log_in_staff(page, live_server, operator)
    page.goto(f"{live_server.url}/permohonan/petugas/{application.pk}/")

    preview = page.get_by_role("region", name="Kartu seperti yang akan dicetak")
    images = preview.get_by_role("img")
    assert images.count() == 2
    for n in range(2):
        image = images.nth(n)
        image.scroll_into_view_if_needed()
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
        )
        natural = image.evaluate("img => [img.naturalWidth, img.naturalHeight]")
        assert natural[1] > natural[0] > 300
        box = image.bounding_box()
        assert box and box["width"] <= 360
    # The preview comes before the approval button, and the mismatch reason is offered.
    order = page.evaluate(
        "() => [document.querySelector('.card-preview'), document.querySelector('#approve-title')]"
        ".map(el => el.getBoundingClientRect().top)"
    )
    assert order[0] < order[1]
    assert "Pratinjau kartu tidak sesuai dengan dokumen" in page.inner_text("main")
    assert_accessible(page, label="review with card preview")
    page.console_log.assert_clean()
