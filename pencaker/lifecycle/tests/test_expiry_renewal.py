from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from pencaker.applications.services import renewal_request
from pencaker.cards.choices import CardStatus
from pencaker.core.errors import Conflict, PermissionDenied
from pencaker.lifecycle.choices import EventKind
from pencaker.lifecycle.models import SeekerEvent
from pencaker.lifecycle.services import lifecycle_daily
from pencaker.notifications.models import Notification
from pencaker.offices.models import LifecycleSettings
from pencaker.offices.services import (
    office_lifecycle_settings_update as lifecycle_settings_update,
)

D = dt.date
ISSUED_OLD = D(2023, 1, 10)  # valid until 10 Jan 2025


def _upload(user, kind):
    from PIL import Image

    from pencaker.documents.services import document_upload

    size = (450, 600) if kind == "photo" else (800, 500)
    buffer = io.BytesIO()
    Image.new("RGB", size, (120, 90, 60)).save(buffer, "JPEG")
    document_upload(
        actor=user,
        owner=user,
        kind=kind,
        uploaded_file=SimpleUploadedFile(f"{kind}.jpg", buffer.getvalue(), "image/jpeg"),
    )


@pytest.fixture
def no_removal(signed_office):
    return LifecycleSettings.objects.create(office=signed_office, removal_enabled=False)


def test_card_expires_the_day_after_its_validity_once(issue_card, holder, no_removal):
    card = issue_card(holder, on=ISSUED_OLD)
    assert lifecycle_daily(today=D(2025, 1, 10)).expired == 0
    first = lifecycle_daily(today=D(2025, 1, 11))
    second = lifecycle_daily(today=D(2025, 1, 11))
    assert (first.expired, second.expired) == (1, 0)
    card.refresh_from_db()
    assert card.status == CardStatus.EXPIRED
    assert Notification.objects.filter(kind="lifecycle.card_expired").count() == 2
    assert list(SeekerEvent.objects.filter(holder=holder).values_list("kind", "occurred_on")) == [
        (EventKind.REGISTERED, ISSUED_OLD),
        (EventKind.EXPIRED, D(2025, 1, 11)),
    ]


def test_expiry_switched_off_keeps_the_card(issue_card, holder, signed_office):
    LifecycleSettings.objects.create(
        office=signed_office, removal_enabled=False, expiry_enabled=False
    )
    card = issue_card(holder, on=ISSUED_OLD)
    assert lifecycle_daily(today=D(2025, 2, 1)).expired == 0
    card.refresh_from_db()
    assert card.status == CardStatus.ACTIVE


def test_removal_switched_off_never_removes(issue_card, holder, no_removal):
    card = issue_card(holder)
    lifecycle_daily(today=D(2025, 9, 1))
    lifecycle_daily(today=D(2025, 12, 1))
    card.refresh_from_db()
    assert card.status == CardStatus.ACTIVE
    assert Notification.objects.filter(kind="lifecycle.report_overdue").count() == 2


def test_renewal_of_an_expired_card_is_one_click_and_idempotent(
    issue_card, holder, operator, no_removal
):
    for kind in ("ktp", "photo", "ijazah"):
        _upload(holder, kind)
    card = issue_card(holder, on=ISSUED_OLD)
    lifecycle_daily(today=D(2025, 1, 11))
    application = renewal_request(actor=holder, today=D(2025, 1, 12))
    again = renewal_request(actor=holder, today=D(2025, 1, 12))
    assert application.pk == again.pk
    assert (application.type, application.status) == ("renewal", "submitted")
    assert application.snapshot["profile"]["full_name"] == "Siti Rahmawati"
    assert card.number


def test_renewal_is_refused_for_a_card_far_from_expiry(issue_card, holder):
    issue_card(holder)
    with pytest.raises(Conflict) as refused:
        renewal_request(actor=holder, today=D(2025, 3, 1))
    assert refused.value.code == "renewal_not_possible"


def test_settings_change_needs_the_office_administrator(operator, user_factory, signed_office):
    from pencaker.accounts.models import Role

    with pytest.raises(PermissionDenied):
        lifecycle_settings_update(actor=operator, office=signed_office, removal_grace_days=10)
    admin = user_factory(Role.ADMIN_DINAS, office=signed_office)
    row = lifecycle_settings_update(actor=admin, office=signed_office, removal_grace_days=10)
    assert row.removal_grace_days == 10


def test_daily_command_refuses_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("lifecycle_daily", "--today", "2025-13-01")
