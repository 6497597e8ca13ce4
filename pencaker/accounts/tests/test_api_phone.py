"""auth_register_phone and auth_verify_phone (ADR 0027)."""

from __future__ import annotations

import json
import re

import pytest

from pencaker.accounts.api_auth import token_user
from pencaker.accounts.models import User
from pencaker.notifications.gateways import LoggingGateway

pytestmark = pytest.mark.django_db
BASE = "/api/v1/auth"


def post(client, path, body):
    return client.post(f"{BASE}{path}", data=json.dumps(body), content_type="application/json")


@pytest.fixture(autouse=True)
def _empty_gateway_log():
    LoggingGateway.sent.clear()
    yield
    LoggingGateway.sent.clear()


BODY = {
    "phone": "0813 2222 4444",
    "full_name": "Api Telepon",
    "password": "Kuning-Kartu-77",
    "consent": True,
}


def test_register_and_verify_phone_gives_a_token(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "/register-phone", BODY)
    assert response.status_code == 202
    assert response.json() == {"phone": "+6281322224444", "code_valid_minutes": 10}
    assert not User.objects.exists()
    code = re.search(r"\b(\d{6})\b", LoggingGateway.sent[-1]["text"]).group(1)

    wrong = post(client, "/verify-phone", {"phone": BODY["phone"], "code": "99999x"})
    assert wrong.status_code == 400
    assert "6 angka" in wrong.json()["details"]["fields"]["code"][0]

    response = post(client, "/verify-phone", {"phone": BODY["phone"], "code": code})
    assert response.status_code == 201
    data = response.json()
    assert data["user"]["phone"] == "+6281322224444"
    assert data["user"]["email"] == ""
    assert token_user(data["token"]).phone == "+6281322224444"

    again = post(client, "/verify-phone", {"phone": BODY["phone"], "code": code})
    assert again.status_code == 400
    assert again.json()["code"] == "phone_code_expired"


def test_register_phone_field_errors_and_send_limit(client, settings):
    bad = post(client, "/register-phone", {**BODY, "phone": "12", "consent": False})
    assert bad.status_code == 400
    fields = bad.json()["details"]["fields"]
    assert {"phone", "consent"} <= set(fields)
    settings.PENCAKER_ACCOUNT_EMAIL_LIMIT = 1
    assert post(client, "/register-phone", BODY).status_code == 202
    limited = post(client, "/register-phone", BODY)
    assert limited.status_code == 429
    assert limited.json()["code"] == "phone_code_send_limit"
    assert "Terlalu banyak kode" in limited.json()["message"]


def test_wrong_code_counts_attempts_through_the_api(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "/register-phone", BODY)
    code = re.search(r"\b(\d{6})\b", LoggingGateway.sent[-1]["text"]).group(1)
    wrong = "000000" if code != "000000" else "111111"
    codes = [
        post(client, "/verify-phone", {"phone": BODY["phone"], "code": wrong}).json()["code"]
        for _ in range(5)
    ]
    assert codes == ["phone_code_invalid"] * 4 + ["phone_code_attempts"]
    final = post(client, "/verify-phone", {"phone": BODY["phone"], "code": code})
    assert final.json()["code"] == "phone_code_attempts"
