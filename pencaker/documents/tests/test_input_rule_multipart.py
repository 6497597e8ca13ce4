"""The input rule on multipart bodies (issue 14, item 1): the upload page and the upload
operation read their body only after installing the upload limit, then apply the same
rule as every other request: a NUL byte in a text field answers 400, nothing is stored.
(A lone surrogate cannot arrive in multipart: its bytes are not UTF-8 and decode to
U+FFFD.) A file's name is not refused: the checks sanitise it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from pencaker.accounts.api_auth import token_issue
from pencaker.documents.models import Document
from pencaker.documents.tests import samples
from pencaker.documents.tests.conftest import upload

pytestmark = pytest.mark.django_db


def test_upload_page_with_nul_in_a_field_is_a_400_page(seeker_client):
    response = seeker_client.post(
        reverse("documents:upload", args=["ktp"]),
        {"ktp-file": upload(samples.jpeg(800, 600)), "catatan": "ktp\x00baru"},
        HTTP_ACCEPT_LANGUAGE="id",
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "karakter" in html and "<html" in html
    assert not Document.objects.exists()


def test_upload_operation_with_nul_in_kind_is_a_400(seeker):
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=seeker)}")
    response = client.post(
        "/api/v1/documents/",
        {"kind": "ktp\x00", "file": upload(samples.jpeg(800, 600))},
        HTTP_ACCEPT_LANGUAGE="id",
    )
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid_characters"
    assert "kind" in body["details"]["fields"]
    assert not Document.objects.exists()


def test_a_file_name_with_nul_is_sanitised_not_refused(seeker):
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=seeker)}")
    response = client.post(
        "/api/v1/documents/", {"kind": "ktp", "file": upload(samples.jpeg(800, 600), "k\x00tp.jpg")}
    )
    assert response.status_code == 201, response.content
