"""The pages work with JavaScript switched off (old phones, data-saver browsers).

The address picker then relies on its "Tampilkan pilihan berikutnya" button: each press
re-renders the page with the next list filled, keeps what was typed, and saves nothing.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from pencaker.e2e import files, steps
from pencaker.e2e.people import SITI, seed_demo_office

pytestmark = pytest.mark.browser


@pytest.fixture
def siti(transactional_db):
    from pencaker.accounts.models import Role, User

    seed_demo_office()
    return User.objects.create_user(
        email=SITI.email,
        password=SITI.password,
        phone="+6281234567890",
        full_name=SITI.full_name,
        role=Role.JOB_SEEKER,
        email_verified_at=timezone.now(),
    )


def _village(user):
    from pencaker.seekers.models import JobSeekerProfile

    return JobSeekerProfile.objects.filter(user=user).values_list("village_id", flat=True).first()


def test_address_picker_walks_down_with_the_refresh_button_when_javascript_is_off(
    nojs_page, live_server, siti
):
    page, base = nojs_page, live_server.url
    steps.log_in(page, base, SITI)
    page.goto(steps.url(base, "seekers:address"))
    page.fill("#id_address_line", "Jl. Merdeka No. 10")

    # When she picks the province, nothing happens by itself: the next list stays empty
    page.select_option("#id_province", steps.PROVINCE)
    assert page.locator("#id_regency option[value^='16.']").count() == 0

    # Then each press of "Tampilkan pilihan berikutnya" fills the next list
    steps.submit(page, page.locator("button[name=region_refresh]"))
    assert page.locator("button[name=region_refresh]").inner_text() == (
        "Tampilkan pilihan berikutnya"
    )
    assert page.locator("#id_regency option[value='16.71']").count() == 1
    assert page.locator("#id_province").input_value() == steps.PROVINCE
    assert page.locator("#id_address_line").input_value() == "Jl. Merdeka No. 10"
    assert page.locator(".error-summary").count() == 0, "a refresh must not show errors"
    assert _village(siti) is None, "a refresh must not save anything"

    steps.pick_region(page, "id_regency", steps.REGENCY, "id_district", javascript=False)
    steps.pick_region(page, "id_district", steps.DISTRICT, "id_village", javascript=False)
    assert _village(siti) is None
    steps.pick_region(page, "id_village", steps.VILLAGE, None, javascript=False)
    page.fill("#id_rt", "001")
    page.fill("#id_rw", "002")
    page.fill("#id_postal_code", "30121")

    # When she saves
    steps.submit(page, page.locator("main form[method=post] button[type=submit]").last)

    # Then the address is stored and the office serving her is known
    assert page.url.endswith(reverse("seekers:overview"))
    assert page.locator(".message-success").inner_text() == "Tersimpan."
    assert _village(siti) == steps.VILLAGE


def test_sign_up_identity_and_upload_work_without_javascript(
    nojs_page, live_server, site_url, mailbox, transactional_db, tmp_path, settings
):
    from pencaker.documents.models import Document
    from pencaker.seekers.models import JobSeekerProfile

    seed_demo_office()
    page, base = nojs_page, live_server.url

    steps.sign_up(page, base, SITI)
    assert len(mailbox.to(SITI.email)) == 1
    steps.fill_identity(page, base, SITI)
    assert page.url.endswith(reverse("seekers:overview"))
    steps.upload(page, base, "photo", files.portrait_photo_jpeg(tmp_path))
    assert page.url.endswith(reverse("documents:list"))

    assert JobSeekerProfile.objects.get(user__email=SITI.email).nik == SITI.nik
    assert Document.objects.filter(owner__email=SITI.email, kind="photo").exists()
    assert len(files.stored_files(settings.MEDIA_ROOT)) == 1
