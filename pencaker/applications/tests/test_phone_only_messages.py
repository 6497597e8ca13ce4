"""A phone-only citizen (ADR 0027, no email) gets every AK/1 status message by SMS."""

import pytest
from django.core import mail
from django.utils import timezone

from pencaker.applications import services
from pencaker.applications.choices import Status
from pencaker.notifications.gateways import LoggingGateway
from pencaker.notifications.models import DeliveryStatus, Notification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_gateway_log():
    LoggingGateway.sent.clear()
    yield
    LoggingGateway.sent.clear()


def test_status_messages_reach_a_phone_only_seeker_by_sms(
    make_application, operator, seeker_factory, django_capture_on_commit_callbacks
):
    seeker = seeker_factory(email=None, phone="+6281322225555", phone_verified_at=timezone.now())
    assert seeker.email is None
    with django_capture_on_commit_callbacks(execute=True):
        application = make_application(Status.IN_REVIEW, user=seeker)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_approve(actor=operator, application_id=application.pk)

    status_rows = Notification.objects.filter(kind__startswith="application.")
    assert set(status_rows.values_list("channel", flat=True)) == {"sms"}
    assert set(status_rows.values_list("kind", flat=True)) >= {
        "application.submitted",
        "application.approved",
    }
    assert not Notification.objects.filter(recipient__isnull=True).exists()
    assert not Notification.objects.filter(recipient="").exists()
    texts = [s["text"] for s in LoggingGateway.sent if s["to"] == "+6281322225555"]
    assert any(application.tracking_number in t for t in texts)
    assert all(m.to != [None] for m in mail.outbox)
    assert set(status_rows.values_list("status", flat=True)) == {DeliveryStatus.SENT}
