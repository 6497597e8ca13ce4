"""An imported holder claims the account with NIK + birth date + a code sent by SMS; the
number becomes the login and no email is needed (ADR 0032)."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from pencaker.accounts.models import User
from pencaker.exchange.tests.test_api_views import _imported_holder
from pencaker.notifications.gateways import LoggingGateway

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _gateway():
    LoggingGateway.sent.clear()
    yield
    LoggingGateway.sent.clear()


def test_a_holder_claims_with_a_phone_code_and_logs_in_with_the_number(
    office, client, django_capture_on_commit_callbacks
):
    profile, row = _imported_holder(office)
    with django_capture_on_commit_callbacks(execute=True):
        start = client.post(
            "/pertukaran/klaim-akun/",
            {"nik": row["nik"], "birth_date": row["tanggal_lahir"], "phone": "0813 3333 4141"},
        )
    assert start.status_code == 302
    [sms] = [m for m in LoggingGateway.sent if m["to"] == "+6281333334141"]
    code = re.search(r"\b(\d{6})\b", sms["text"]).group(1)
    done = client.post(
        "/pertukaran/klaim-akun/kode/", {"code": code, "password": "Kata-Sandi-Baru-1"}
    )
    assert done.status_code == 302
    user = User.objects.get(pk=profile.user_id)
    assert user.email is None
    assert user.phone == "+6281333334141" and user.phone_verified_at is not None
    client.logout()
    login = client.post(
        "/akun/masuk/", {"username": "0813 3333 4141", "password": "Kata-Sandi-Baru-1"}
    )
    assert login.status_code == 302


def test_a_number_that_is_another_accounts_login_cannot_claim(office, client):
    User.objects.create_user(
        email=None, phone="+6281333334242", phone_verified_at=timezone.now(), password="x"
    )
    profile, row = _imported_holder(office)
    client.post(
        "/pertukaran/klaim-akun/",
        {"nik": row["nik"], "birth_date": row["tanggal_lahir"], "phone": "0813 3333 4242"},
    )
    from pencaker.exchange.models import ClaimCode
    from pencaker.notifications.models import Notification

    claim = ClaimCode.objects.get()
    body = Notification.objects.get(kind="exchange.claim_code").body
    code = re.search(r"\b(\d{6})\b", body).group(1)
    assert claim.address == "+6281333334242"
    response = client.post(
        "/pertukaran/klaim-akun/kode/", {"code": code, "password": "Kata-Sandi-Baru-1"}
    )
    assert response.status_code == 400
    assert not User.objects.get(pk=profile.user_id).has_usable_password()


def test_neither_phone_nor_email_is_a_form_error(office, client):
    _profile, row = _imported_holder(office)
    response = client.post(
        "/pertukaran/klaim-akun/", {"nik": row["nik"], "birth_date": row["tanggal_lahir"]}
    )
    assert response.status_code == 400
    assert "nomor HP" in response.content.decode()
