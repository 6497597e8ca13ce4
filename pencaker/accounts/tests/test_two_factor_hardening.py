"""Two-factor hardening (issue 14, security item 10)."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from pencaker.accounts.models import Role
from pencaker.accounts.tests.test_services import current_code

PASSWORD = "Rahasia-123!"


def _wrong_code(device: TOTPDevice) -> str:
    return f"{(int(current_code(device)) + 500000) % 1000000:06d}"


def _login_api(email: str, password: str, otp_code: str):
    return Client(HTTP_ACCEPT_LANGUAGE="id").post(
        "/api/v1/auth/login",
        json.dumps({"email": email, "password": password, "otp_code": otp_code}),
        content_type="application/json",
    )


@pytest.fixture
def staff(user_factory, office):
    return user_factory(role=Role.OPERATOR, office=office, email="op@example.id")


@pytest.fixture
def device(staff):
    return TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)


@pytest.fixture
def password_only(staff):
    """A session that has passed the password step only."""
    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    client.force_login(staff)
    return client


def test_a_wrong_code_and_a_wrong_password_answer_the_same(staff, device):
    wrong_code = _login_api("op@example.id", PASSWORD, _wrong_code(device))
    wrong_password = _login_api("op@example.id", "salah-sandi", _wrong_code(device))
    assert wrong_code.status_code == wrong_password.status_code == 401
    assert wrong_code.json() == wrong_password.json()


def test_wrong_codes_count_towards_the_lockout(staff, device, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login_api("op@example.id", PASSWORD, _wrong_code(device))
    locked = _login_api("op@example.id", PASSWORD, current_code(device))
    assert locked.status_code == 429


def test_after_a_wrong_code_the_page_says_how_many_seconds_to_wait(password_only, device):
    url = reverse("accounts:two_factor")
    password_only.post(url, {"code": _wrong_code(device)})
    response = password_only.post(url, {"code": current_code(device)})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Tunggu" in body and "detik" in body
    assert "kedaluwarsa" not in body


def test_the_code_page_mentions_backup_codes(password_only, device):
    body = password_only.get(reverse("accounts:two_factor")).content.decode()
    assert "kode cadangan" in body.lower()


def test_setting_up_the_authenticator_shows_backup_codes_that_work(password_only, staff):
    url = reverse("accounts:two_factor")
    password_only.get(url)
    pending = TOTPDevice.objects.get(user=staff, confirmed=False)
    response = password_only.post(url, {"code": current_code(pending)}, follow=True)
    assert response.status_code == 200
    device = StaticDevice.objects.get(user=staff)
    codes = [t.token for t in device.token_set.all()]
    assert len(codes) == 10
    body = response.content.decode()
    assert all(code in body for code in codes)
    assert match_token(staff, codes[0]) is not None


@pytest.mark.parametrize(
    "url",
    [
        "/akun/ganti-sandi/",
        "/akun/petugas/",
        "/permohonan/petugas/",
        "/kartu/cek/",
        "/",
    ],
)
def test_a_password_only_session_reaches_nothing_but_the_code_page(password_only, device, url):
    response = password_only.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor"))


def test_a_password_only_session_can_log_out(password_only, device):
    response = password_only.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in password_only.session


def test_the_staff_menu_stays_hidden_until_the_code_is_given(password_only, device):
    body = password_only.get(reverse("accounts:two_factor")).content.decode()
    assert reverse("applications:queue") not in body
    assert reverse("accounts:staff_home") not in body
    password_only.post(reverse("accounts:two_factor"), {"code": current_code(device)})
    body = password_only.get(reverse("accounts:staff_home")).content.decode()
    assert reverse("applications:queue") in body
