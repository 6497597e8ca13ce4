"""The review screen shows the card as it will print, rendered from the frozen data, to
staff of the application's office only; a mismatch there is a return reason (issue 16)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from PIL import Image

from pencaker.applications.choices import Status
from pencaker.cards import preview
from pencaker.offices.selectors import office_return_reason_choices

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _card_data_dir(settings, tmp_path):
    from pencaker.cards import signing

    settings.DATA_DIR = tmp_path / "data"
    signing._cache.clear()
    yield
    signing._cache.clear()


def _text_of(pdf: bytes) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_review_screen_shows_both_sides_rendered_from_the_frozen_data(
    staff_client_factory, operator, make_application
):
    application = make_application(Status.IN_REVIEW)
    # The profile changes after submission: the preview still prints what was submitted.
    profile = application.applicant.seeker_profile
    frozen_name = application.snapshot["profile"]["full_name"]
    profile.full_name = "Nama Sesudah Kirim"
    profile.save()
    staff = staff_client_factory(operator)

    page = staff.get(reverse("applications:review", args=[application.pk])).content.decode()
    side1 = reverse("applications:card_preview", args=[application.pk, "1"])
    side2 = reverse("applications:card_preview", args=[application.pk, "2"])
    assert side1 in page and side2 in page

    images = []
    for url in (side1, side2):
        response = staff.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "image/png"
        assert "no-store" in response["Cache-Control"]
        image = Image.open(
            io.BytesIO(
                b"".join(response.streaming_content) if response.streaming else response.content
            )
        )
        images.append(image)
    assert all(img.height > img.width > 300 for img in images)  # each side is an A5 portrait
    assert images[0].tobytes() != images[1].tobytes()

    text = _text_of(preview.card_preview_pdf(application))
    assert frozen_name.upper() in text.upper() and "Nama Sesudah Kirim" not in text
    assert "XXXXXX" in text


def test_staff_of_another_office_and_job_seekers_get_no_preview(
    staff_client_factory, foreign_operator, make_application, client
):
    application = make_application(Status.IN_REVIEW)
    url = reverse("applications:card_preview", args=[application.pk, "1"])
    assert staff_client_factory(foreign_operator).get(url).status_code == 404
    client.force_login(application.applicant)
    assert client.get(url).status_code == 403


def test_no_preview_once_decided_or_for_an_unknown_side(
    staff_client_factory, operator, make_application
):
    application = make_application(Status.IN_REVIEW)
    staff = staff_client_factory(operator)
    assert (
        staff.get(reverse("applications:card_preview", args=[application.pk, "3"])).status_code
        == 404
    )
    from pencaker.applications import services

    services.application_approve(actor=operator, application_id=application.pk)
    assert (
        staff.get(reverse("applications:card_preview", args=[application.pk, "1"])).status_code
        == 404
    )


def test_a_preview_mismatch_is_one_of_the_office_return_reasons(office):
    codes = [code for code, _label in office_return_reason_choices(office)]
    assert "card_preview" in codes and codes[-1] == "other"
