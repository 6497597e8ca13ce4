"""Messages rendered from templates into the outbox, and erased after delivery on request."""

import pytest
from django.core import mail

from pencaker.notifications.models import DeliveryStatus, Notification
from pencaker.notifications.services import (
    OutgoingMessage,
    dedupe_part,
    notification_deliver,
    notification_queue_many,
    notification_queue_new,
    notification_render,
)

pytestmark = pytest.mark.django_db


def _message(**extra):
    defaults = {
        "channel": "email",
        "recipient": "warga@example.id",
        "kind": "test",
        "body": "Tautan survei: https://pencaker.example.id/survei/isi/abc/",
        "subject": "Survei",
        "dedupe_key": "test:1",
    }
    return OutgoingMessage(**{**defaults, **extra})


def test_queue_new_counts_only_messages_not_queued_before():
    assert notification_queue_new([_message(), _message(dedupe_key="test:2")]) == 2
    assert notification_queue_new([_message(), _message(dedupe_key="test:2")]) == 0
    assert Notification.objects.count() == 2


def test_erase_after_delivery_deletes_the_message_once_sent():
    [notification] = notification_queue_many([_message(erase_after_delivery=True)])
    delivered = notification_deliver(notification_id=notification.pk)
    assert delivered is not None and delivered.status == DeliveryStatus.SENT
    assert mail.outbox[0].to == ["warga@example.id"]
    assert not Notification.objects.filter(pk=notification.pk).exists()
    assert notification_deliver(notification_id=notification.pk) is None  # a repeated task
    assert len(mail.outbox) == 1


def test_erase_after_delivery_blanks_a_message_given_up(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    [notification] = notification_queue_many([_message(erase_after_delivery=True)])
    Notification.objects.filter(pk=notification.pk).update(max_attempts=1)
    notification_deliver(notification_id=notification.pk)
    stored = Notification.objects.get(pk=notification.pk)
    assert stored.status == DeliveryStatus.FAILED
    assert stored.recipient == "" and stored.body == ""


def test_a_plain_message_keeps_its_address_after_delivery():
    [notification] = notification_queue_many([_message()])
    notification_deliver(notification_id=notification.pk)
    assert Notification.objects.get(pk=notification.pk).recipient == "warga@example.id"


def test_render_folds_the_subject_and_the_sms_onto_one_line(settings):
    settings.SITE_URL = "https://pencaker.example.id"
    subject, body = notification_render(
        channel="email",
        template="lifecycle/notices/card_expired",
        context={"name": "Budi", "number": "X-1", "date": "1 Mei 2026", "url": "u", "office": "D"},
        language="id",
    )
    assert subject == "Kartu AK/1 Anda sudah habis masa berlakunya"
    assert "Halo Budi," in body
    _, sms = notification_render(
        channel="sms",
        template="lifecycle/notices/card_expired",
        context={"number": "X-1", "url": "https://pencaker.example.id/lapor/"},
        language="id",
    )
    assert "\n" not in sms and "https://pencaker.example.id/lapor/" in sms


def test_dedupe_part_names_a_token_without_writing_it():
    assert dedupe_part("token-a") == dedupe_part("token-a")
    assert dedupe_part("token-a") != dedupe_part("token-b")
    assert "token" not in dedupe_part("token-a")
