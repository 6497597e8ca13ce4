"""Phone-first accounts (ADR 0027): sign-up with a number alone, the code read from the
outbox, login by number, wrong/expired/too many codes, send limits, reset by code."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from pencaker.accounts.models import PhoneCode, User
from pencaker.notifications.gateways import LoggingGateway
from pencaker.notifications.models import Notification

pytestmark = pytest.mark.django_db

PHONE = "0813-2222-3333"
E164 = "+6281322223333"
PASSWORD = "Kuning-Kartu-77"


@pytest.fixture(autouse=True)
def _empty_gateway_log():
    LoggingGateway.sent.clear()
    yield
    LoggingGateway.sent.clear()


def _signup_data(**extra):
    return {
        "phone": PHONE,
        "full_name": "Budi  Santoso",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "consent": "on",
        **extra,
    }


def _last_code() -> str:
    sms = LoggingGateway.sent[-1]
    assert sms["to"] == E164 and sms["channel"] == "sms"
    return re.search(r"\b(\d{6})\b", sms["text"]).group(1)


def _start(client, capture, **extra):
    with capture(execute=True):
        return client.post(reverse("accounts:signup_phone"), _signup_data(**extra))


def test_signup_with_phone_only_end_to_end(client, django_capture_on_commit_callbacks):
    response = _start(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:signup_phone_code")
    assert not User.objects.exists()  # nothing until the code is verified
    code = _last_code()
    assert "kode" in LoggingGateway.sent[-1]["text"].lower()  # Indonesian SMS
    # Delivered: the message with the code is not kept in the outbox.
    assert not Notification.objects.filter(kind="account.phone_code").exists()
    assert code not in PhoneCode.objects.get().code_hash

    page = client.get(reverse("accounts:signup_phone_code"))
    assert "+6281322223333" in page.content.decode()
    response = client.post(reverse("accounts:signup_phone_code"), {"code": code})
    assert response.status_code == 302
    user = User.objects.get()
    assert user.email is None
    assert user.phone == E164 and user.phone_verified_at is not None
    assert user.full_name == "Budi Santoso"
    assert user.check_password(PASSWORD)
    assert client.get(reverse("accounts:landing")).status_code == 302  # logged in
    # The code works once.
    client.logout()
    again = client.post(reverse("accounts:signup_phone_code"), {"code": code})
    assert again.status_code == 302  # the session no longer has the pending number


def test_login_by_phone_number_and_password(client, django_capture_on_commit_callbacks):
    _start(client, django_capture_on_commit_callbacks)
    client.post(reverse("accounts:signup_phone_code"), {"code": _last_code()})
    client.logout()
    response = client.post(
        reverse("accounts:login"), {"username": "+62 813 2222 3333", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    client.logout()
    wrong = client.post(reverse("accounts:login"), {"username": PHONE, "password": "salah-123"})
    assert wrong.status_code == 200
    assert "salah" in wrong.content.decode()


def test_unverified_number_on_an_email_account_is_not_a_login(client, user_factory):
    user = user_factory(phone=E164)
    user.set_password(PASSWORD)
    user.save()
    response = client.post(reverse("accounts:login"), {"username": PHONE, "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_login_field_explains_what_to_type(client):
    response = client.post(reverse("accounts:login"), {"username": "bukan", "password": "x"})
    assert "nomor HP" in response.content.decode() or "nomor ponsel" in response.content.decode()


def test_wrong_code_then_too_many_attempts(client, django_capture_on_commit_callbacks):
    _start(client, django_capture_on_commit_callbacks)
    code = _last_code()
    wrong = "000000" if code != "000000" else "111111"
    response = client.post(reverse("accounts:signup_phone_code"), {"code": wrong})
    assert "Kode salah" in response.content.decode()
    for _ in range(4):
        response = client.post(reverse("accounts:signup_phone_code"), {"code": wrong})
    assert "Terlalu banyak kode salah" in response.content.decode()
    # Even the right code no longer works after 5 wrong tries.
    response = client.post(reverse("accounts:signup_phone_code"), {"code": code})
    assert "Terlalu banyak kode salah" in response.content.decode()
    assert not User.objects.exists()
    assert PhoneCode.objects.get().attempts == 5


def test_expired_code(client, django_capture_on_commit_callbacks):
    _start(client, django_capture_on_commit_callbacks)
    code = _last_code()
    PhoneCode.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = client.post(reverse("accounts:signup_phone_code"), {"code": code})
    assert "kedaluwarsa" in response.content.decode()
    assert not User.objects.exists()


def test_code_expires_after_ten_minutes(client, django_capture_on_commit_callbacks):
    _start(client, django_capture_on_commit_callbacks)
    row = PhoneCode.objects.get()
    assert abs((row.expires_at - row.created_at) - dt.timedelta(minutes=10)) < dt.timedelta(
        seconds=5
    )


def test_too_many_sends_per_number(client, settings, django_capture_on_commit_callbacks):
    settings.PENCAKER_ACCOUNT_EMAIL_LIMIT = 3
    for _ in range(3):
        _start(client, django_capture_on_commit_callbacks)
    response = _start(client, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "Terlalu banyak kode" in response.content.decode()
    assert len(LoggingGateway.sent) == 3


def test_too_many_sends_per_client_address(client, settings, django_capture_on_commit_callbacks):
    settings.PENCAKER_PHONE_CODE_IP_LIMIT = 2
    _start(client, django_capture_on_commit_callbacks, phone="081322223331")
    _start(client, django_capture_on_commit_callbacks, phone="081322223332")
    response = _start(client, django_capture_on_commit_callbacks, phone="081322223334")
    assert "Terlalu banyak kode" in response.content.decode()
    assert len(LoggingGateway.sent) == 2


def test_taken_number_gets_a_notice_not_a_code(client, django_capture_on_commit_callbacks):
    _start(client, django_capture_on_commit_callbacks)
    client.post(reverse("accounts:signup_phone_code"), {"code": _last_code()})
    client.logout()
    response = _start(client, django_capture_on_commit_callbacks, full_name="Orang Lain")
    assert response["Location"] == reverse("accounts:signup_phone_code")  # same answer
    assert Notification.objects.order_by("-pk").first().kind == "account.phone_exists"
    assert User.objects.count() == 1


def test_password_reset_by_phone_code(client, django_capture_on_commit_callbacks):
    _start(client, django_capture_on_commit_callbacks)
    client.post(reverse("accounts:signup_phone_code"), {"code": _last_code()})
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset_phone"), {"phone": PHONE})
    assert response["Location"] == reverse("accounts:password_reset_phone_code")
    code = _last_code()
    assert "sandi" in LoggingGateway.sent[-1]["text"].lower()
    new = "Biru-Langit-2026"
    response = client.post(
        reverse("accounts:password_reset_phone_code"),
        {"code": code, "password1": new, "password2": new},
    )
    assert response["Location"] == reverse("accounts:password_reset_complete")
    assert User.objects.get().check_password(new)
    client.post(reverse("accounts:login"), {"username": PHONE, "password": new})
    assert "_auth_user_id" in client.session


def test_password_reset_for_unknown_number_sends_nothing(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset_phone"), {"phone": PHONE})
    assert response["Location"] == reverse("accounts:password_reset_phone_code")
    assert LoggingGateway.sent == []


def test_invalid_number_and_code_shape_have_indonesian_messages(client):
    response = client.post(reverse("accounts:signup_phone"), _signup_data(phone="12"))
    assert "nomor" in response.content.decode().lower()
    session = client.session
    session["accounts.phone_signup"] = E164
    session.save()
    response = client.post(reverse("accounts:signup_phone_code"), {"code": "12ab"})
    assert "6 angka" in response.content.decode()


def test_email_signup_still_requires_email(client, signup_data):
    signup_data["email"] = ""
    client.post(reverse("accounts:signup"), signup_data)
    assert not User.objects.exists()


def _phone_account(client, capture):
    _start(client, capture)
    client.post(reverse("accounts:signup_phone_code"), {"code": _last_code()})
    return User.objects.get(phone=E164)


def test_phone_account_adds_an_email_and_verifies_it_later(
    client, django_capture_on_commit_callbacks
):
    from django.core import mail

    user = _phone_account(client, django_capture_on_commit_callbacks)
    page = client.get(reverse("accounts:email_add"))
    assert "tidak punya alamat email" in page.content.decode().lower() or page.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:email_add"), {"email": "Budi@Example.id"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "budi@example.id" and user.email_verified_at is None
    link = re.search(r"/akun/verifikasi/[^/\s]+/", mail.outbox[-1].body).group(0)
    client.get(link)
    user.refresh_from_db()
    assert user.email_verified_at is not None


def test_adding_an_email_of_another_account_does_not_take_it(
    client, user_factory, django_capture_on_commit_callbacks
):
    other = user_factory(email="punya@example.id")
    user = _phone_account(client, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:email_add"), {"email": "punya@example.id"})
    user.refresh_from_db()
    assert user.email is None
    assert Notification.objects.filter(kind="account.signup_existing", recipient=other.email)
