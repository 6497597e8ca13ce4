"""A phone-first account (no email, ADR 0027/0032) gets its event messages by SMS."""

from __future__ import annotations

import pytest
from django.utils import timezone

from pencaker.accounts.models import User
from pencaker.events import services
from pencaker.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_a_phone_only_seeker_gets_the_registration_by_sms(fair, holder_factory):
    seeker = holder_factory(full_name="Sari Telepon")
    User.objects.filter(pk=seeker.pk).update(
        email=None, phone="+6281322228181", phone_verified_at=timezone.now()
    )
    seeker.refresh_from_db()
    services.event_register(actor=seeker, event_id=fair.pk)
    [row] = Notification.objects.filter(kind="event.registered")
    assert (row.channel, row.recipient) == ("sms", "+6281322228181")
    assert fair.title in row.body and "\n" not in row.body
