"""The survey invitation leaves through the notifications outbox, and the address does not
stay next to the link that leads to an anonymous answer."""

from __future__ import annotations

import datetime as dt
import socket

from django.core import mail
from django.utils import timezone

from pencaker.notifications.models import DeliveryStatus, Notification
from pencaker.notifications.services import notification_deliver, notifications_retry_due
from pencaker.surveys.choices import InvitationReason
from pencaker.surveys.services import invitation_create


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_invitation_is_queued_and_erased_from_the_outbox_once_sent(
    office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_create(
            office=office, reason=InvitationReason.CARD_ISSUED, contact_email="budi@example.id"
        )
    assert not Notification.objects.filter(kind="survey.invitation").exists()
    assert mail.outbox[0].to == ["budi@example.id"]
    assert invitation.url in mail.outbox[0].body


def test_invitation_is_retried_when_the_mail_server_is_down(office, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = (
        "127.0.0.1",
        _closed_port(),
        2,
    )
    invitation = invitation_create(
        office=office, reason=InvitationReason.CARD_ISSUED, contact_email="budi@example.id"
    )
    notification = Notification.objects.get(kind="survey.invitation")
    notification = notification_deliver(notification_id=notification.pk)
    assert notification.status == DeliveryStatus.PENDING
    assert notification.recipient == "budi@example.id"  # kept until it is delivered

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notifications_retry_due(now=timezone.now() + dt.timedelta(hours=1)) == 1
    assert [m.to for m in mail.outbox] == [["budi@example.id"]]
    assert invitation.url in mail.outbox[0].body
    assert not Notification.objects.filter(pk=notification.pk).exists()
