import json
import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from pencaker.accounts.api_auth import token_user
from pencaker.accounts.models import Role, User
from pencaker.accounts.tests.test_services import current_code

PASSWORD = "Rahasia-123!"
BASE = "/api/v1/auth"


def post(client, path, body):
    return client.post(f"{BASE}{path}", data=json.dumps(body), content_type="application/json")


@pytest.fixture
def register_body():
    return {
        "email": "api@example.id",
        "phone": "+62 812 3456 7890",
        "full_name": "Api User",
        "password": "Kuning-Kartu-77",
        "consent": True,
    }


def test_operation_ids_are_stable(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    ids = {op["operationId"] for item in schema["paths"].values() for op in item.values()}
    assert {"auth_register", "auth_verify_email", "auth_login"} <= ids


def test_register_creates_account_and_sends_email(
    client, register_body, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "/register", register_body)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["email"] == "api@example.id"
    assert body["phone"] == "+6281234567890"
    assert body["email_verified"] is False
    assert len(mail.outbox) == 1


def test_register_returns_field_errors_with_form_messages(client, register_body, user_factory):
    # Issue 14 item 6: a taken email is no longer a field error (see test_flooding.py);
    # a malformed one still is.
    register_body.update(email="api.example.id", phone="0812", password="12345678", consent=False)
    response = post(client, "/register", register_body)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "validation_error"
    fields = body["details"]["fields"]
    assert set(fields) == {"email", "phone", "password", "consent"}
    assert "nama@contoh.com" in fields["email"][0]
    assert "Nomor HP tidak valid" in fields["phone"][0]
    assert User.objects.count() == 0


def test_verify_email_with_token_from_email(
    client, register_body, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "/register", register_body)
    token = re.search(r"/akun/verifikasi/(\S+)/", mail.outbox[0].body).group(1)
    response = post(client, "/verify-email", {"token": token})
    assert response.status_code == 200
    assert response.json()["email_verified"] is True
    assert User.objects.get().email_verified_at is not None


def test_verify_email_with_bad_token_is_400_with_code(client, db):
    response = post(client, "/verify-email", {"token": "rusak"})
    assert response.status_code == 400
    assert response.json()["code"] == "token_invalid"
    assert response.json()["message"]


def test_login_returns_token_that_authenticates(client, user_factory, rf):
    user = user_factory(email="api@example.id")
    response = post(client, "/login", {"email": "API@example.id", "password": PASSWORD})
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["user"]["id"] == user.pk
    assert token_user(body["token"]) == user


def test_login_with_wrong_password_is_401_with_clear_message(client, user_factory):
    user_factory(email="api@example.id")
    response = post(client, "/login", {"email": "api@example.id", "password": "salah"})
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_credentials"
    assert "salah" in response.json()["message"]


def test_login_is_locked_out_after_five_failures_with_429_json(client, user_factory):
    user_factory(email="api@example.id")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert (
            post(client, "/login", {"email": "api@example.id", "password": "x"}).status_code == 401
        )
    assert post(client, "/login", {"email": "api@example.id", "password": "x"}).status_code == 429
    response = post(client, "/login", {"email": "api@example.id", "password": PASSWORD})
    assert response.status_code == 429
    body = response.json()
    assert body["code"] == "locked_out"
    assert "15 menit" in body["message"]


def test_api_login_success_resets_failures(client, user_factory):
    user_factory(email="api@example.id")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        post(client, "/login", {"email": "api@example.id", "password": "x"})
    assert (
        post(client, "/login", {"email": "api@example.id", "password": PASSWORD}).status_code == 200
    )
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        post(client, "/login", {"email": "api@example.id", "password": "x"})
    assert (
        post(client, "/login", {"email": "api@example.id", "password": PASSWORD}).status_code == 200
    )


def test_staff_api_login_needs_a_valid_totp_code(client, user_factory, office):
    staff = user_factory(role=Role.OPERATOR, office=office, email="op@example.id")
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    missing = post(client, "/login", {"email": "op@example.id", "password": PASSWORD})
    assert missing.status_code == 403
    assert missing.json()["code"] == "otp_required"
    ok = post(
        client,
        "/login",
        {"email": "op@example.id", "password": PASSWORD, "otp_code": current_code(device)},
    )
    assert ok.status_code == 200
    assert token_user(ok.json()["token"]) == staff


def test_employer_account_can_log_in_through_the_api(client, user_factory):
    user_factory(role=Role.EMPLOYER, email="hrd@pt-contoh.id")
    response = post(client, "/login", {"email": "hrd@pt-contoh.id", "password": PASSWORD})
    assert response.status_code == 200
    assert response.json()["user"]["role"] == "employer"


def test_malformed_body_is_not_a_server_error(client, db):
    response = client.post(f"{BASE}/login", data="{not json", content_type="application/json")
    assert 400 <= response.status_code < 500
    response = post(client, "/register", {"email": 5})
    assert 400 <= response.status_code < 500


def test_login_page_is_not_affected_by_api_lockout_reset(client, user_factory):
    # The API clears axes' flag only on its own response; the HTML login still locks.
    user_factory(email="web@example.id")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "web@example.id", "password": "x"})
    response = post(client, "/login", {"email": "web@example.id", "password": PASSWORD})
    assert response.status_code == 429
