"""Answers and headers (issue 14, security item 11): no-store on personal data, every API
refusal in the ``{code, message, details}`` shape, the OpenAPI document lists the
refusals, Swagger UI from local files, /healthz over plain HTTP in production."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.test import Client

from pencaker.accounts.api_auth import token_issue


def _assert_house_shape(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"code", "message", "details"}
    assert isinstance(body["code"], str) and body["code"]
    assert isinstance(body["message"], str) and body["message"]
    assert isinstance(body["details"], dict)
    return body


# --- Cache-Control -----------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/profil/", "/akun/beranda/", "/kartu/"])
def test_pages_for_a_signed_in_person_are_not_stored(user_factory, url):
    client = Client()
    client.force_login(user_factory())
    response = client.get(url, follow=True)
    assert "no-store" in response["Cache-Control"]


def test_staff_pages_are_not_stored(user_factory, office, staff_client_factory):
    from pencaker.accounts.models import Role

    staff = staff_client_factory(user_factory(role=Role.OPERATOR, office=office))
    assert "no-store" in staff.get("/profil/staf/")["Cache-Control"]


def test_api_answers_are_not_stored(user_factory):
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=user_factory())}")
    assert "no-store" in api.get("/api/v1/profile")["Cache-Control"]
    assert "no-store" in Client().get("/api/v1/profile")["Cache-Control"]


def test_public_pages_for_anonymous_visitors_may_be_cached(db):
    assert "no-store" not in Client().get("/").get("Cache-Control", "")


# --- Every API refusal is JSON in the house shape ------------------------------------------


def test_an_unparseable_body_is_a_json_refusal(db):
    response = Client().post("/api/v1/auth/login", "{not json", content_type="application/json")
    assert _assert_house_shape(response, 400)["code"] == "invalid_body"


def test_too_large_a_body_is_a_json_refusal(db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    response = Client().post(
        "/api/v1/auth/login",
        '{"email": "' + "a" * 200 + '", "password": "x"}',
        content_type="application/json",
    )
    assert _assert_house_shape(response, 413)["code"] == "request_too_large"


def test_too_many_fields_is_a_json_refusal(db, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 3
    response = Client().post(
        "/api/v1/auth/login",
        "&".join(f"f{n}=x" for n in range(10)),
        content_type="application/x-www-form-urlencoded",
    )
    assert _assert_house_shape(response, 400)["code"] == "too_many_fields"


def test_too_many_files_is_a_json_refusal(user_factory, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 1
    from django.core.files.uploadedfile import SimpleUploadedFile

    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=user_factory())}")
    files = {f"file{n}": SimpleUploadedFile(f"{n}.pdf", b"%PDF-1.4") for n in range(3)}
    response = api.post("/api/v1/documents/", {"kind": "ktp", **files})
    assert _assert_house_shape(response, 400)["code"] == "too_many_fields"


def test_an_unknown_api_address_is_a_json_404(db):
    assert _assert_house_shape(Client().get("/api/v1/tidak-ada"), 404)["code"] == "not_found"


def test_a_wrong_method_is_a_json_405(db):
    response = Client().delete("/api/v1/auth/login")
    assert _assert_house_shape(response, 405)["code"] == "method_not_allowed"


# --- The OpenAPI document lists the refusals -------------------------------------------------


def test_openapi_lists_the_refusals_each_operation_can_answer(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            name = f"{method.upper()} {path}"
            assert "400" in responses, name
            if operation.get("security"):
                assert {"401", "403"} <= set(responses), name
            if "{" in path:
                assert "404" in responses, name
            for status in ("400", "401", "403", "404", "409"):
                if status in responses:
                    content = responses[status]["content"]["application/json"]["schema"]
                    assert content == {"$ref": "#/components/schemas/ErrorOut"}, name


def test_openapi_lists_409_for_profile_update(client):
    schema = client.get("/api/v1/openapi.json").json()
    operations = {
        op["operationId"]: op for item in schema["paths"].values() for op in item.values()
    }
    assert "409" in operations["profile_update"]["responses"]


# --- Swagger UI from local files ------------------------------------------------------------


def test_swagger_ui_loads_only_local_files(db):
    body = Client().get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in body
    assert "cdn." not in body and "https://" not in body


# --- /healthz over plain HTTP in production ---------------------------------------------------

PROBE = (
    "import django; django.setup()\n"
    "from django.test import Client\n"
    "c = Client()\n"
    "print(c.get('/healthz').status_code, c.get('/').status_code)\n"
)


def test_healthz_answers_plain_http_probes_in_production(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pencaker.settings",
        "PENCAKER_ENV": "production",
        "SECRET_KEY": "k3y-Zq8!pW2rT9vL0mN4bX7cJ6hF1sD5gA3eR8uY2iO0pQ-wE4tZ",
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://u:p@127.0.0.1:1/db"),
        "EMAIL_HOST": "smtp.example.go.id",
        "SITE_URL": "https://pencaker.example.go.id",
        "PENCAKER_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200", "301"]
