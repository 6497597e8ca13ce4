"""Issue 14, item 6: account emails cannot be used to flood an inbox, and sign-up does not
tell who has an account."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.urls import reverse

from pencaker.accounts.models import User
from pencaker.notifications.models import Notification


@pytest.fixture
def fresh_tokens(monkeypatch):
    """Every request a new token (as when requests are seconds apart), so each request
    is a new message for the outbox and only the limit stops them."""
    from django.core import signing

    moment = {"n": 0}
    stamps = iter(range(1_800_000_000, 1_900_000_000))
    monkeypatch.setattr(
        signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(next(stamps))
    )

    def now(self):
        import datetime as dt

        moment["n"] += 1
        return dt.datetime(2026, 3, 2, 9, 0, 0) + dt.timedelta(seconds=moment["n"])

    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", now)


def test_fifteen_password_resets_queue_at_most_the_limit(
    client, user_factory, settings, fresh_tokens
):
    settings.PENCAKER_ACCOUNT_EMAIL_LIMIT = 3
    user_factory(email="korban@example.id")
    for _ in range(15):
        response = client.post(reverse("accounts:password_reset"), {"email": "korban@example.id"})
        assert response.status_code == 302  # the same answer every time
    assert Notification.objects.filter(recipient="korban@example.id").count() == 3


def test_fifteen_verification_resends_queue_at_most_the_limit(
    client, user_factory, settings, fresh_tokens
):
    settings.PENCAKER_ACCOUNT_EMAIL_LIMIT = 3
    user_factory(email="belum@example.id")
    for _ in range(15):
        response = client.post(
            reverse("accounts:resend_verification"), {"email": "belum@example.id"}
        )
        assert response.status_code == 302
    assert Notification.objects.filter(recipient="belum@example.id").count() == 3


def test_the_limit_counts_per_account_across_both_kinds(
    client, user_factory, settings, fresh_tokens
):
    settings.PENCAKER_ACCOUNT_EMAIL_LIMIT = 2
    user_factory(email="dua@example.id")
    for _ in range(3):
        client.post(reverse("accounts:resend_verification"), {"email": "dua@example.id"})
        client.post(reverse("accounts:password_reset"), {"email": "dua@example.id"})
    assert Notification.objects.filter(recipient="dua@example.id").count() == 2
    assert Notification.objects.filter(kind="account.verify_email").count() == 1
    assert Notification.objects.filter(kind="account.password_reset").count() == 1


def test_the_limit_frees_up_after_the_window(client, user_factory, settings, fresh_tokens):
    settings.PENCAKER_ACCOUNT_EMAIL_LIMIT = 1
    user_factory(email="nanti@example.id")
    client.post(reverse("accounts:password_reset"), {"email": "nanti@example.id"})
    client.post(reverse("accounts:password_reset"), {"email": "nanti@example.id"})
    assert Notification.objects.filter(kind="account.password_reset").count() == 1
    Notification.objects.update(created_at="2000-01-01T00:00:00Z")
    client.post(reverse("accounts:password_reset"), {"email": "nanti@example.id"})
    assert Notification.objects.filter(kind="account.password_reset").count() == 2


def test_signup_with_a_taken_email_answers_like_a_new_one_and_mails_the_owner(
    client, signup_data, user_factory, django_capture_on_commit_callbacks
):
    user_factory(email="siti.aminah@example.id", full_name="Siti Pemilik")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:signup"), signup_data)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:signup_done")
    done = client.get(reverse("accounts:signup_done")).content.decode()
    assert "siti.aminah@example.id" in done
    assert "sudah ada akun" not in done.lower()
    assert User.objects.count() == 1
    [message] = mail.outbox
    assert message.to == ["siti.aminah@example.id"]
    assert reverse("accounts:password_reset") in message.body
    assert Notification.objects.get().kind == "account.signup_existing"


def test_api_register_with_a_taken_email_answers_like_a_new_one(
    client, user_factory, django_capture_on_commit_callbacks
):
    body = {
        "email": "API@example.id",
        "phone": "0812-3456-7890",
        "full_name": "Api",
        "password": "Kuning-Kartu-77",
        "consent": True,
    }

    def register():
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/api/v1/auth/register", json.dumps(body), content_type="application/json"
            )
        return response.status_code, response.json()

    new = register()
    taken = register()
    assert new == taken
    assert new[0] == 201
    assert User.objects.count() == 1
    assert [n.kind for n in Notification.objects.order_by("pk")] == [
        "account.verify_email",
        "account.signup_existing",
    ]


def test_signup_mails_to_the_owner_are_limited_too(
    client, signup_data, user_factory, settings, fresh_tokens
):
    settings.PENCAKER_ACCOUNT_EMAIL_LIMIT = 3
    user_factory(email="siti.aminah@example.id")
    for _ in range(15):
        client.post(reverse("accounts:signup"), signup_data)
    assert Notification.objects.count() == 3
