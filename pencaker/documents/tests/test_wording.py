"""The upload forms: the photo's error never mentions PDF, the form shows its own error
summary instead of the browser's bubble, and optional documents carry no "*"."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from pencaker.core.errors import DomainError
from pencaker.documents.checks import check_upload
from pencaker.documents.tests import samples
from pencaker.documents.tests.conftest import upload


def test_a_photo_that_is_not_a_picture_is_refused_without_mentioning_pdf():
    with pytest.raises(DomainError) as info:
        check_upload(kind="photo", uploaded_file=upload(samples.exe(), "foto.jpg"))

    assert "PDF" not in str(info.value.message)
    assert "JPG" in str(info.value.message)


def test_upload_forms_leave_validation_to_the_server(seeker_client):
    for path in (reverse("documents:list"), reverse("documents:upload", args=["ktp"])):
        html = seeker_client.get(path).content.decode()
        forms = re.findall(r"<form [^>]*multipart/form-data[^>]*>", html)
        assert forms and all("novalidate" in form for form in forms), path


def test_optional_documents_carry_no_required_mark(seeker_client):
    html = seeker_client.get(reverse("documents:list")).content.decode()

    sections = dict(
        re.findall(r'<section class="card-panel" id="doc-(\w+)"(.*?)</section>', html, re.S)
    )
    optional = [kind for kind, body in sections.items() if "doc-optional" in body]
    required = [kind for kind, body in sections.items() if "doc-required" in body]
    assert optional and required
    for kind in optional:
        assert 'aria-hidden="true">*' not in sections[kind], kind
    for kind in required:
        assert 'aria-hidden="true">*' in sections[kind], kind
