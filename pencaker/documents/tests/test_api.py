from __future__ import annotations

import pytest
from django.test import Client

from pencaker.accounts.api_auth import token_issue
from pencaker.documents.models import Document
from pencaker.documents.tests import samples
from pencaker.documents.tests.conftest import upload

pytestmark = pytest.mark.django_db

URL = "/api/v1/documents/"


@pytest.fixture
def api(seeker):
    token = token_issue(user=seeker)
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT_LANGUAGE="id")


def test_upload_and_list(api, seeker):
    response = api.post(URL, {"kind": "photo", "file": upload(samples.jpeg(600, 800))})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "photo"
    assert body["version"]["number"] == 1
    assert body["version"]["content_type"] == "image/jpeg"
    assert body["version"]["url"] == f"/dokumen/berkas/{body['version']['id']}/"

    listing = api.get(URL)
    assert listing.status_code == 200
    rows = {row["kind"]: row for row in listing.json()}
    assert rows["photo"]["current"]["sha256"] == body["version"]["sha256"]
    assert rows["photo"]["required"] is True
    assert rows["ktp"]["current"] is None
    assert rows["work_letter"]["required"] is False


def test_exe_is_refused_with_code_and_indonesian_message(api):
    response = api.post(URL, {"kind": "ktp", "file": upload(samples.exe(), "ktp.jpg")})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "document_type_not_allowed"
    assert "Berkas ini bukan gambar JPEG/PNG atau PDF" in body["message"]
    assert body["details"] == {}


def test_30_mb_file_is_refused_with_413(api, media_files):
    big = b"\xff\xd8\xff" + b"\x00" * (30 * 1024 * 1024)
    response = api.post(URL, {"kind": "ijazah", "file": upload(big)})
    assert response.status_code == 413
    body = response.json()
    assert body["code"] == "document_too_large"
    assert "Ukuran berkas 30 MB melebihi batas 5 MB" in body["message"]
    assert body["details"]["limit"] == 5 * 1024 * 1024
    assert media_files() == [] and not Document.objects.exists()


def test_landscape_photo_is_refused(api):
    response = api.post(URL, {"kind": "photo", "file": upload(samples.jpeg(800, 600))})
    assert response.status_code == 400
    assert response.json()["code"] == "document_photo_not_portrait"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"kind": "passport", "file": "x"}, "document_kind_unknown"),
        ({"kind": "ktp"}, "document_file_missing"),
    ],
)
def test_bad_fields_are_refused_with_a_code(api, data, code):
    if "file" in data:
        data = {**data, "file": upload(samples.jpeg(800, 600))}
    response = api.post(URL, data)
    assert response.status_code == 400
    assert response.json()["code"] == code


@pytest.mark.parametrize(
    "content_type", ["application/json", "multipart/form-data", "multipart/form-data; boundary="]
)
def test_body_that_is_not_multipart_is_refused_with_a_code(api, content_type):
    response = api.generic("POST", URL, b'{"kind": "ktp"}', content_type=content_type)
    assert response.status_code == 400
    assert response.json()["code"] == "document_not_multipart"


def test_staff_token_cannot_upload_documents_for_itself(operator):
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=operator)}")
    response = client.post(URL, {"kind": "ktp", "file": upload(samples.jpeg(800, 600))})
    assert response.status_code == 403
    assert response.json()["code"] == "document_owner_not_job_seeker"


def test_requests_without_a_token_are_refused(client):
    assert client.get(URL).status_code == 401
    assert client.post(URL, {"kind": "ktp"}).status_code == 401


def test_openapi_has_stable_operation_ids_and_multipart_body(client):
    schema = client.get("/api/v1/openapi.json").json()
    operations = schema["paths"]["/api/v1/documents/"]
    assert operations["post"]["operationId"] == "document_upload"
    assert operations["get"]["operationId"] == "document_list"
    body = operations["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert body["required"] == ["kind", "file"]
    assert set(operations["post"]["responses"]) >= {"201", "400", "413"}
