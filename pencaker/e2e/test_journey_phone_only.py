"""Issue 17, done-when line 1 (second half): a citizen with a phone number and no email
signs up, completes a profile, sends the AK/1 request and gets a card, in real Chromium
at 360 px; every message queued for her goes to her phone and is delivered.

* Sari signs up with her mobile number only (the code read from the test's gateway).
* She fills identity, address and education and uploads her KTP, photo and ijazah; the
  checklist is complete without an email (her number is her verified contact).
* She sends the request (JavaScript off); the operator logs in with TOTP and approves.
* The card is issued. Every outbox row created for her was an SMS to her number, each one
  reached the gateway, and no email was sent at all: nothing was dropped for lack of an
  email address (the survey invitation included).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db.models.signals import post_save

from pencaker.e2e import files, steps
from pencaker.e2e.people import Person, seed_demo_office
from pencaker.e2e.test_journey_application import (
    PASSWORD,
    open_from_queue,
    press,
    staff_log_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SARI = Person(
    email="",
    phone="0813 2222 7171",
    full_name="Sari Wulandari",
    password="Kuning-Kartu-77",  # noqa: S106 - a test person
    birth_place="Palembang",
    birth_date=dt.date(2000, 8, 9),
    sex="F",
)
E164 = "+6281322227171"


@pytest.fixture(autouse=True)
def _card_keys_in_tmp(settings, tmp_path):
    from pencaker.cards import signing

    settings.DATA_DIR = tmp_path / "data"
    signing._cache.clear()
    yield
    signing._cache.clear()


@pytest.fixture
def gateway():
    from pencaker.notifications.gateways import LoggingGateway

    LoggingGateway.sent.clear()
    yield LoggingGateway.sent
    LoggingGateway.sent.clear()


@pytest.fixture
def queued():
    """Every outbox row created during the test: (pk, channel, recipient, kind)."""
    from pencaker.notifications.models import Notification

    rows: list[tuple[int, str, str | None, str]] = []

    def record(sender, instance, created, **kwargs):
        if created:
            rows.append((instance.pk, instance.channel, instance.recipient, instance.kind))

    post_save.connect(record, sender=Notification, dispatch_uid="phone-journey")
    yield rows
    post_save.disconnect(dispatch_uid="phone-journey", sender=Notification)


@pytest.fixture
def operator(transactional_db, user_factory):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from pencaker.accounts.models import Role
    from pencaker.offices.models import Office

    seed_demo_office()
    user = user_factory(
        Role.OPERATOR,
        office=Office.objects.get(code="16.71"),
        email="rina.petugas@disnaker.example.go.id",
        full_name="Rina Petugas",
        password=PASSWORD,
    )
    TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=True)
    return user


def _last_code(gateway) -> str:
    texts = [m["text"] for m in gateway if m["to"] == E164]
    return re.search(r"\b(\d{6})\b", texts[-1]).group(1)


def test_phone_only_citizen_gets_a_card_and_every_message_by_sms(
    page, nojs_page, site_url, mailbox, operator, gateway, queued, tmp_path, assert_accessible
):
    from pencaker.accounts.models import User
    from pencaker.applications.choices import Status
    from pencaker.applications.models import Application
    from pencaker.cards.models import Card
    from pencaker.notifications.models import Channel, DeliveryStatus, Notification

    base = site_url
    sari, petugas = page, nojs_page

    # --- Sign-up with the number alone --------------------------------------------------
    sari.goto(steps.url(base, "accounts:signup_phone"))
    sari.fill("#id_phone", SARI.phone)
    sari.fill("#id_full_name", SARI.full_name)
    sari.fill("#id_password1", SARI.password)
    sari.fill("#id_password2", SARI.password)
    sari.check("#id_consent")
    steps.submit(sari, sari.locator("main form button[type=submit]"))
    sari.fill("#id_code", _last_code(gateway))
    steps.submit(sari, sari.locator("main form button[type=submit]"))
    user = User.objects.get(phone=E164)
    assert user.email is None and user.phone_verified_at is not None

    # --- Her profile and documents -----------------------------------------------------
    steps.fill_identity(sari, base, SARI)
    steps.fill_address(sari, base)
    steps.add_education(sari, base)
    for kind, path in (
        ("ktp", files.ktp_jpeg(tmp_path)),
        ("photo", files.portrait_photo_jpeg(tmp_path)),
        ("ijazah", files.ijazah_pdf(tmp_path)),
    ):
        steps.upload(sari, base, kind, path)
    sari.goto(steps.url(base, "seekers:overview"))
    assert sari.locator("#completeness-title").inner_text() == "Profil Anda sudah lengkap"
    assert_accessible(sari, label="complete profile without email")

    # --- The request ---------------------------------------------------------------------
    sari.goto(steps.url(base, "applications:start"))
    assert sari.locator(".status-ok").is_visible()
    sari.check("input[name=type][value=new]")
    press(sari, "permohonan")
    application = Application.objects.get(applicant=user)
    number = application.tracking_number

    # --- The operator approves; the card is issued -------------------------------------
    staff_log_in(petugas, base, operator)
    open_from_queue(petugas, base, number)
    press(petugas, "ambil")
    press(petugas, "setujui")
    assert "Disetujui" in petugas.locator("main h1").inner_text()
    application.refresh_from_db()
    assert application.status == Status.APPROVED
    card = Card.objects.get(holder=user)
    assert card.has_pdf
    sari.goto(steps.url(base, "applications:detail", number))
    assert sari.locator(".message-success").is_visible()

    # --- Every message for her went to her phone ---------------------------------------
    kinds = [kind for _pk, _channel, _to, kind in queued]
    assert {"account.phone_code", "application.submitted", "application.approved"} <= set(kinds)
    assert "survey.invitation" in kinds, "the IKM survey invitation must reach a phone"
    assert all(channel == Channel.SMS and to == E164 for _pk, channel, to, _k in queued), queued
    for pk, _channel, _to, kind in queued:
        row = Notification.objects.filter(pk=pk).first()
        # Codes and the survey link leave the outbox once delivered; the rest stay as sent.
        assert row is None or row.status == DeliveryStatus.SENT, (kind, row and row.status)
    delivered = [m for m in gateway if m["to"] == E164]
    assert len(delivered) == len(queued)
    assert any(number in m["text"] for m in delivered)
    assert any("survei" in m["text"].lower() for m in delivered)
    assert mailbox.messages == []
    assert not Notification.objects.filter(channel=Channel.EMAIL).exists()
