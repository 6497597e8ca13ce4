"""The mail server goes down: every message waits in the outbox and arrives exactly once.

The suite's real SMTP server (aiosmtpd) is stopped; a sign-up (verification email), a
staff invitation, the demo card's first issue (IKM survey invitation) and the daily
lifecycle run (report reminder) each try to send and fail. The server comes back, the
outbox retries the messages past their back-off, and each arrives once; a second retry
sends nothing more.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from pencaker.accounts import services as accounts
from pencaker.accounts.models import User
from pencaker.cards.models import Card
from pencaker.notifications.models import DeliveryStatus, Notification
from pencaker.notifications.services import notifications_retry_due

SEEKER = "pencaker@demo.pencaker.id"
EXPECTED = {
    "account.verify_email": "baru@example.id",
    "account.staff_invitation": "petugas.baru@example.id",
    "survey.invitation": SEEKER,
    "lifecycle.report_due": SEEKER,
}


@pytest.mark.django_db
def test_messages_wait_for_the_mail_server_and_arrive_exactly_once(
    smtp_outage, mailbox, client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.DATA_DIR = tmp_path / "data"
    capture = django_capture_on_commit_callbacks

    # Given: the mail server is down.
    smtp_outage.stop()

    # When: the messages are asked for (the demo seed issues the first card: the survey
    # invitation, and the application's status emails on the way).
    with capture(execute=True):
        call_command("seed_demo", stdout=_Sink())
    with capture(execute=True):
        client.post(
            reverse("accounts:signup"),
            {
                "email": EXPECTED["account.verify_email"],
                "phone": "0812-3456-7890",
                "full_name": "Warga Baru",
                "password1": "Kuning-Kartu-77",
                "password2": "Kuning-Kartu-77",
                "consent": "on",
            },
        )
    with capture(execute=True):
        accounts.staff_create(
            actor=User.objects.get(email="admin@demo.pencaker.id"),
            email=EXPECTED["account.staff_invitation"],
            full_name="Petugas Baru",
            role="operator",
        )
    card = Card.objects.get(holder__email=SEEKER)
    report_due = card.issued_on + dt.timedelta(days=182)  # report 1, inside its window
    with capture(execute=True):
        call_command("lifecycle_daily", "--today", report_due.isoformat(), stdout=_Sink())

    # Then: each was tried once, failed, and waits in the outbox.
    asked = {}
    for kind, address in EXPECTED.items():
        notification = Notification.objects.get(kind=kind, channel="email")
        assert notification.recipient == address, kind
        assert notification.status == DeliveryStatus.PENDING, kind
        assert notification.attempts == 1 and notification.last_error, kind
        asked[kind] = (address, notification.subject)
    waiting = Notification.objects.filter(channel="email")
    assert set(waiting.values_list("status", flat=True)) == {DeliveryStatus.PENDING}
    expected_mail = sorted(waiting.values_list("recipient", "subject"))
    assert mailbox.messages == []

    # When: the server is back and the retries run past the back-off.
    smtp_outage.start()
    later = timezone.now() + dt.timedelta(minutes=2)
    assert notifications_retry_due(now=later) >= len(expected_mail)

    # Then: every message arrived exactly once, and nothing is left to send.
    arrived = sorted((str(m["To"]), str(m["Subject"])) for m in mailbox.messages)
    assert arrived == expected_mail
    for kind, message in asked.items():
        assert arrived.count(message) == 1, kind
    assert not Notification.objects.exclude(status=DeliveryStatus.SENT).exists()
    assert notifications_retry_due(now=later + dt.timedelta(days=1)) == 0
    assert len(mailbox.messages) == len(expected_mail)


class _Sink:
    def write(self, _text):
        return None

    def flush(self):
        return None
