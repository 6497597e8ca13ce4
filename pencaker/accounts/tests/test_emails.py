"""Account emails leave through the notifications outbox, with links from SITE_URL and
dedupe keys that refuse a retried request but let a new request send again."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.urls import reverse

from pencaker.accounts import emails, services
from pencaker.notifications.models import DeliveryStatus, Notification


def test_password_reset_is_queued_in_the_outbox_with_a_site_url_link(
    client, user_factory, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://pencaker.example.id"
    user_factory(email="lupa@example.id")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": "lupa@example.id"})
    notification = Notification.objects.get(kind="account.password_reset")
    assert notification.recipient == "lupa@example.id"
    assert notification.status == DeliveryStatus.SENT
    assert "https://pencaker.example.id/akun/atur-sandi/" in notification.body
    assert "testserver" not in notification.body  # not the request's host
    assert [m.body for m in mail.outbox] == [notification.body]


def test_password_reset_for_unknown_email_queues_nothing(client, db):
    client.post(reverse("accounts:password_reset"), {"email": "nobody@example.id"})
    assert not Notification.objects.exists()


def test_a_retried_password_reset_sends_once_and_a_new_request_sends_again(
    client, user_factory, monkeypatch
):
    user_factory(email="lupa@example.id")
    moment = dt.datetime(2026, 3, 2, 9, 0, 0)
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: moment)
    client.post(reverse("accounts:password_reset"), {"email": "lupa@example.id"})
    client.post(reverse("accounts:password_reset"), {"email": "lupa@example.id"})
    assert Notification.objects.filter(kind="account.password_reset").count() == 1
    moment = dt.datetime(2026, 3, 2, 9, 20, 0)
    client.post(reverse("accounts:password_reset"), {"email": "lupa@example.id"})
    assert Notification.objects.filter(kind="account.password_reset").count() == 2


def test_verification_email_is_an_outbox_message_delivered_after_commit(
    db, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "http://127.0.0.1:8123"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.user_register(
            email="baru@example.id",
            password="Kuning-Kartu-77",
            phone="0812 3456 7890",
            full_name="Baru",
            consent=True,
        )
    notification = Notification.objects.get(kind="account.verify_email")
    assert notification.status == DeliveryStatus.PENDING
    assert mail.outbox == []
    assert "http://127.0.0.1:8123/akun/verifikasi/" in notification.body
    for callback in callbacks:
        callback()
    notification.refresh_from_db()
    assert notification.status == DeliveryStatus.SENT
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("schedule", ["verification", "invitation"])
def test_the_same_token_is_the_same_message(user_factory, office, monkeypatch, schedule):
    user = user_factory(role="operator", office=office)
    monkeypatch.setattr(emails, "verification_token_make", lambda **_: "same-token")
    monkeypatch.setattr(emails.default_token_generator, "make_token", lambda _user: "same-token")
    for _ in range(2):
        if schedule == "verification":
            emails.verification_email_schedule(user=user)
        else:
            emails.staff_invitation_schedule(user=user, invited_by=user)
    assert Notification.objects.count() == 1
