"""The survey invitation reaches a phone-first account (no email) by SMS (ADR 0032)."""

from __future__ import annotations

import pytest
from django.core import mail

from pencaker.notifications.gateways import LoggingGateway
from pencaker.notifications.models import Notification
from pencaker.surveys.choices import InvitationReason
from pencaker.surveys.services import invitation_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _gateway():
    LoggingGateway.sent.clear()
    yield
    LoggingGateway.sent.clear()


def test_without_email_the_link_goes_by_sms_and_leaves_the_outbox(
    office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_create(
            office=office,
            reason=InvitationReason.CARD_ISSUED,
            contact_email=None,
            contact_phone="+6281322229191",
        )
    [sent] = LoggingGateway.sent
    assert sent["to"] == "+6281322229191" and invitation.url in sent["text"]
    assert not Notification.objects.filter(kind="survey.invitation").exists()
    assert mail.outbox == []


def test_with_an_email_only_the_email_is_sent(office, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(
            office=office,
            reason=InvitationReason.CARD_ISSUED,
            contact_email="budi@example.id",
            contact_phone="+6281322229192",
        )
    assert LoggingGateway.sent == []
    assert mail.outbox[0].to == ["budi@example.id"]
