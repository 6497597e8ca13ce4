"""Document thumbnails (issue 14, item 17): small re-encoded JPEGs served with the same
access rule and access log as the file; a PDF's first page through poppler, or no
thumbnail (404, the page shows an icon) when poppler is missing or fails."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from PIL import Image

from pencaker.core.models import AuditEvent
from pencaker.documents import thumbnails
from pencaker.documents.models import DocumentAccess
from pencaker.documents.selectors import document_has_thumbnail
from pencaker.documents.services import document_upload
from pencaker.documents.tests import samples
from pencaker.documents.tests.conftest import upload

pytestmark = pytest.mark.django_db


def thumb_url(version):
    return reverse("documents:thumbnail", args=[version.pk])


def _image(response) -> Image.Image:
    return Image.open(io.BytesIO(response.content))


@pytest.fixture
def ktp_version(seeker):
    return document_upload(
        actor=seeker,
        owner=seeker,
        kind="ktp",
        uploaded_file=upload(samples.jpeg(1600, 1200, gps=True)),
    )


@pytest.fixture
def pdf_version(seeker):
    return document_upload(
        actor=seeker,
        owner=seeker,
        kind="ijazah",
        uploaded_file=upload(samples.pdf(2), "ijazah.pdf", "application/pdf"),
    )


def test_owner_gets_a_small_jpeg_without_metadata(seeker_client, ktp_version):
    response = seeker_client.get(thumb_url(ktp_version))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    image = _image(response)
    assert image.format == "JPEG"
    assert max(image.size) == thumbnails.THUMBNAIL_SIDE
    assert image.size == (240, 180)  # proportions kept
    assert not image.getexif()
    assert len(response.content) < 20_000
    assert not DocumentAccess.objects.exists()


def test_png_with_alpha_becomes_a_jpeg_thumbnail(seeker_client, seeker):
    version = document_upload(
        actor=seeker,
        owner=seeker,
        kind="ktp",
        uploaded_file=upload(samples.png(900, 600, mode="RGBA"), "ktp.png", "image/png"),
    )
    image = _image(seeker_client.get(thumb_url(version)))
    assert image.format == "JPEG" and image.size == (240, 160)


def test_staff_view_of_a_thumbnail_is_logged_like_the_file(
    staff_client_factory, operator, ktp_version, office
):
    response = staff_client_factory(operator).get(thumb_url(ktp_version), REMOTE_ADDR="10.9.8.7")
    assert response.status_code == 200
    access = DocumentAccess.objects.get()
    assert (access.staff, access.version, access.office, access.ip) == (
        operator,
        ktp_version,
        office,
        "10.9.8.7",
    )
    assert AuditEvent.objects.filter(action="document.viewed").count() == 1


def test_staff_of_another_office_get_no_thumbnail(
    staff_client_factory, other_operator, ktp_version
):
    assert staff_client_factory(other_operator).get(thumb_url(ktp_version)).status_code == 404
    assert not DocumentAccess.objects.exists()


def test_staff_without_two_factor_get_no_thumbnail(client, operator, ktp_version):
    client.force_login(operator)
    assert client.get(thumb_url(ktp_version)).status_code == 404
    assert not DocumentAccess.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, ktp_version):
    response = client.get(thumb_url(ktp_version))
    assert response.status_code == 302 and "/akun/" in response["Location"]


def test_unknown_version_has_no_thumbnail(seeker_client):
    assert seeker_client.get(reverse("documents:thumbnail", args=[999999])).status_code == 404


def test_pdf_thumbnail_is_the_first_page(seeker_client, pdf_version):
    assert thumbnails.pdf_renderer() is not None, "poppler-utils (pdftoppm) is installed by CI"
    response = seeker_client.get(thumb_url(pdf_version))
    assert response.status_code == 200
    image = _image(response)
    assert image.format == "JPEG"
    assert max(image.size) == thumbnails.THUMBNAIL_SIDE
    assert image.height > image.width  # an A4 page, portrait
    # The page's text leaves dark pixels on the white page.
    assert image.convert("L").getextrema()[0] < 200


def test_pdf_without_poppler_has_no_thumbnail(seeker_client, pdf_version, monkeypatch):
    monkeypatch.setattr(thumbnails, "pdf_renderer", lambda: None)
    assert not document_has_thumbnail("application/pdf")
    assert document_has_thumbnail("image/jpeg")
    assert seeker_client.get(thumb_url(pdf_version)).status_code == 404


def test_pdf_the_renderer_fails_on_has_no_thumbnail(
    staff_client_factory, operator, pdf_version, monkeypatch
):
    monkeypatch.setattr(thumbnails, "pdf_renderer", lambda: "/bin/false")
    assert staff_client_factory(operator).get(thumb_url(pdf_version)).status_code == 404
    assert not DocumentAccess.objects.exists()
