"""Many messages of one run queued at once: dedupe keys still hold, each message is still
delivered on its own after commit."""

import pytest
from django.core import mail

from pencaker.notifications import services
from pencaker.notifications.models import DeliveryStatus, Notification
from pencaker.notifications.services import OutgoingMessage, notification_queue_bulk

pytestmark = pytest.mark.django_db


def _message(n, **extra):
    return OutgoingMessage(
        **{
            "channel": "email",
            "recipient": f"warga{n}@example.id",
            "kind": "test.bulk",
            "body": f"Pesan {n}",
            "subject": "Lowongan",
            "dedupe_key": f"bulk:{n}",
            **extra,
        }
    )


def test_bulk_queues_new_messages_once_and_delivers_each_after_commit(
    django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(services, "BULK_BATCH", 3)
    monkeypatch.setattr(services, "DELIVERY_BATCH", 2)
    with django_capture_on_commit_callbacks(execute=True):
        assert notification_queue_bulk([_message(n) for n in range(7)]) == 7
    rows = Notification.objects.filter(kind="test.bulk")
    assert rows.count() == 7
    assert set(rows.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"warga{n}@example.id" for n in range(7))
    # A re-run, and a repeat inside one call: the first message of a key stands.
    again = [_message(n) for n in range(5, 9)] + [_message(8, body="second")]
    with django_capture_on_commit_callbacks(execute=True):
        assert notification_queue_bulk(again) == 2
    assert rows.count() == 9
    assert Notification.objects.get(dedupe_key="bulk:8").body == "Pesan 8"
    assert len(mail.outbox) == 9


def test_nothing_is_sent_before_commit_and_messages_without_key_are_all_queued(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert notification_queue_bulk([_message(1, dedupe_key=None)] * 2) == 2
    assert mail.outbox == []
    assert len(callbacks) == 1
    assert notification_queue_bulk([]) == 0


def test_a_key_taken_meanwhile_falls_back_to_one_insert_per_message(monkeypatch):
    Notification.objects.create(
        channel="email", recipient="x@example.id", kind="test.bulk", body="first",
        dedupe_key="bulk:2",
    )  # fmt: skip
    # A concurrent run queued bulk:2 after this call read the keys already used.
    monkeypatch.setattr(services, "_dedupe_keys_used", lambda keys: set())
    assert notification_queue_bulk([_message(n) for n in range(4)]) == 3
    assert Notification.objects.filter(kind="test.bulk").count() == 4
    assert Notification.objects.get(dedupe_key="bulk:2").body == "first"
