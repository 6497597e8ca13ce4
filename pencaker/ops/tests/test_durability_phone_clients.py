"""The durability harness's phone sign-up and account-claim clients against a live
server (no kills): they read the code from the file gateway's SMS file, sign up or claim,
and acknowledge exactly once; check.py's rule then finds each account once. The crash
run itself is the short form in test_durability.py."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import pytest
from django.utils import timezone

ROOT = Path(__file__).resolve().parents[3]


def _harness():
    sys.path.insert(0, str(ROOT / "scripts" / "durability"))
    spec = importlib.util.spec_from_file_location(
        "durability_harness", ROOT / "scripts" / "durability" / "harness.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def outbox(settings, tmp_path):
    settings.PENCAKER_SMS_GATEWAY = "pencaker.notifications.gateways.FileGateway"
    settings.PENCAKER_SMS_OUTBOX_FILE = tmp_path / "sms-outbox.log"
    return tmp_path / "sms-outbox.log"


def _run(client):
    client.shared.up.set()
    client.start()
    client.join(timeout=120)
    assert not client.is_alive()
    assert client.error is None, client.error


def test_phone_signup_client_acknowledges_each_account_once(live_server, outbox, transactional_db):
    from pencaker.accounts.models import User
    from pencaker.core.models import AuditEvent

    harness = _harness()
    shared = harness.Shared()
    port = int(live_server.url.rsplit(":", 1)[1])
    client = harness.PhoneSignupClient(0, port, shared, 1, outbox)
    original = client.sign_up
    done = []

    def sign_up(phone):
        original(phone)
        done.append(phone)
        if len(done) == 2:
            shared.stop.set()

    client.sign_up = sign_up
    _run(client)
    assert [a["phone"] for a in shared.phone_signups] == done
    for phone in done:
        user = User.objects.get(phone=phone, phone_verified_at__isnull=False)
        assert user.email is None
        assert (
            AuditEvent.objects.filter(
                action="account.phone_registered", object_id=str(user.pk)
            ).count()
            == 1
        )


def test_claim_client_claims_imported_holders_on_the_pages(live_server, outbox, transactional_db):
    from pencaker.accounts.models import User
    from pencaker.e2e.people import seed_demo_office
    from pencaker.offices.models import Office
    from pencaker.regions.nik import build_nik
    from pencaker.seekers.services.imported import ImportedPerson, profiles_import_bulk

    seed_demo_office()
    office = Office.objects.get(code="16.71")
    birth = dt.date(1991, 4, 5)
    nik = build_nik(district_code="16.71.01", birth_date=birth, sex="M", serial=4321)
    profiles_import_bulk(
        office=office,
        people=[
            ImportedPerson(
                nik=nik,
                full_name="Pemegang Lama",
                birth_place="Palembang",
                birth_date=birth,
                sex="M",
                address_line="Jl. Arsip 1",
                village_code="16.71.01.1001",
            )
        ],
    )
    harness = _harness()
    shared = harness.Shared()
    port = int(live_server.url.rsplit(":", 1)[1])
    holder = {"nik": nik, "birth_date": birth.isoformat(), "phone": "+6281360000001"}
    client = harness.ClaimClient(0, [holder], port, shared, 1, outbox)
    _run(client)
    assert shared.account_claims == [{"phone": "+6281360000001", "nik": nik}]
    user = User.objects.get(phone="+6281360000001")
    assert user.phone_verified_at is not None and user.has_usable_password()
    assert user.phone_verified_at <= timezone.now()
