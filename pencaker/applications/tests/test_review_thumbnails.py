"""The staff review page shows a thumbnail of each submitted document (issue 14, item 17):
images and a PDF's first page, through the documents app's checked and logged thumbnail
view; a PDF where poppler is missing shows an icon."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pencaker.documents import thumbnails
from pencaker.documents.models import DocumentAccess
from pencaker.documents.services import document_upload
from pencaker.documents.tests import samples

pytestmark = pytest.mark.django_db


@pytest.fixture
def application_with_a_pdf(seeker_factory, make_application):
    user = seeker_factory(documents=("ktp", "photo"))
    document_upload(
        actor=user,
        owner=user,
        kind="ijazah",
        uploaded_file=SimpleUploadedFile("ijazah.pdf", samples.pdf(), "application/pdf"),
    )
    return make_application(user=user)


def _review(client, application):
    response = client.get(reverse("applications:review", args=[application.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_review_page_shows_a_thumbnail_of_every_document(
    staff_client_factory, operator, application_with_a_pdf
):
    client = staff_client_factory(operator)
    html = _review(client, application_with_a_pdf)
    sources = re.findall(r'<img class="doc-thumb" src="([^"]+)"', html)
    expected = {
        reverse("documents:thumbnail", args=[d["version_id"]])
        for d in application_with_a_pdf.documents
    }
    assert len(expected) == 3 and set(sources) == expected
    assert not DocumentAccess.objects.exists()  # the page itself opens no document
    for source in sources:
        response = client.get(source)
        assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert DocumentAccess.objects.filter(staff=operator).count() == 3


def test_a_pdf_without_poppler_shows_an_icon(
    staff_client_factory, operator, application_with_a_pdf, monkeypatch
):
    monkeypatch.setattr(thumbnails, "pdf_renderer", lambda: None)
    html = _review(staff_client_factory(operator), application_with_a_pdf)
    assert html.count('<img class="doc-thumb"') == 2
    assert '<span class="doc-icon" aria-hidden="true">PDF</span>' in html
