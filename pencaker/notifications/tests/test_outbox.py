import datetime as dt
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.utils import timezone

from pencaker.notifications.gateways import LoggingGateway, mask_number
from pencaker.notifications.models import DeliveryStatus, Notification
from pencaker.notifications.services import (
    notification_deliver,
    notification_queue,
    notifications_retry_due,
)

pytestmark = pytest.mark.django_db


def queue_email(**extra):
    defaults = {
        "channel": "email",
        "recipient": "warga@example.id",
        "kind": "test",
        "subject": "Permohonan diterima",
        "body": "Nomor permohonan Anda: AK1-0001",
    }
    return notification_queue(**{**defaults, **extra})


def test_queued_email_is_delivered_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = queue_email()
    notification.refresh_from_db()
    assert notification.status == DeliveryStatus.SENT
    assert [m.subject for m in mail.outbox] == ["Permohonan diterima"]


def test_nothing_is_sent_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue_email()
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_same_dedupe_key_queues_one_message():
    first = queue_email(dedupe_key="reminder:42:2026-06-01")
    second = queue_email(dedupe_key="reminder:42:2026-06-01")
    assert first.pk == second.pk
    assert Notification.objects.count() == 1


def test_deliver_twice_sends_once():
    notification = queue_email()
    notification_deliver(notification_id=notification.pk)
    notification_deliver(notification_id=notification.pk)
    assert len(mail.outbox) == 1


def test_failure_backs_off_then_retry_succeeds(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _closed_port()
    settings.EMAIL_TIMEOUT = 2
    notification = queue_email()
    notification = notification_deliver(notification_id=notification.pk)
    assert notification.status == DeliveryStatus.PENDING
    assert notification.attempts == 1
    assert notification.last_error
    assert notification.next_attempt_at > timezone.now()

    assert notifications_retry_due() == 0  # not due yet
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    later = timezone.now() + dt.timedelta(hours=1)
    assert notifications_retry_due(now=later) == 1
    notification.refresh_from_db()
    assert notification.status == DeliveryStatus.SENT


def test_gives_up_after_max_attempts(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _closed_port()
    notification = queue_email()
    Notification.objects.filter(pk=notification.pk).update(max_attempts=2)
    notification_deliver(notification_id=notification.pk)
    Notification.objects.filter(pk=notification.pk).update(next_attempt_at=timezone.now())
    notification = notification_deliver(notification_id=notification.pk)
    assert notification.status == DeliveryStatus.FAILED
    assert notification.next_attempt_at is None


def test_sms_goes_through_the_gateway_interface():
    LoggingGateway.sent.clear()
    notification = notification_queue(
        channel="sms", recipient="+6281234567890", kind="test", body="Laporan AK/1 jatuh tempo"
    )
    notification = notification_deliver(notification_id=notification.pk)
    assert notification.status == DeliveryStatus.SENT
    assert LoggingGateway.sent == [
        {"channel": "sms", "to": "+6281234567890", "text": "Laporan AK/1 jatuh tempo"}
    ]
    assert "4567" not in mask_number("+6281234567890")


class _Collector:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
        self.messages.append(envelope)
        return "250 OK"


def test_email_travels_over_a_real_smtp_server(settings):
    handler = _Collector()
    controller = Controller(handler, hostname="127.0.0.1", port=_closed_port())
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
        settings.EMAIL_USE_TLS = False
        notification = notification_deliver(notification_id=queue_email().pk)
    finally:
        controller.stop()
    assert notification.status == DeliveryStatus.SENT
    assert handler.messages[0].rcpt_tos == ["warga@example.id"]
    assert b"AK1-0001" in handler.messages[0].content


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
