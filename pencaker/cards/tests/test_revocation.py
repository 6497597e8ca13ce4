"""Revocation with four eyes, seen by the public check and by offline verifiers through
the signed status list (issue 16, Done when, first line)."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from pencaker.accounts.api_auth import token_issue
from pencaker.accounts.models import Role
from pencaker.cards.choices import CardStatus, RevocationStatus
from pencaker.cards.models import Card, CardRevocation
from pencaker.cards.offline import verify_offline
from pencaker.cards.services import (
    card_revocation_confirm,
    card_revocation_object,
    card_revocation_objection_decide,
    card_revocation_request,
    card_verify_number,
    card_verify_token,
)
from pencaker.cards.status_list import StatusListError, status_list_verify
from pencaker.cards.tokens import b64url_decode, b64url_encode
from pencaker.core.errors import DomainError, NotFound, PermissionDenied
from pencaker.core.models import AuditEvent
from pencaker.notifications.models import Notification

IP = "198.51.100.7"


def _evidence(name: str = "ktp-palsu.jpg") -> SimpleUploadedFile:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (640, 400), (200, 200, 210)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/jpeg")


@pytest.fixture
def admin(user_factory, office):
    return user_factory(Role.ADMIN_DINAS, office=office, full_name="Admin Satu")


@pytest.fixture
def second_admin(user_factory, office):
    return user_factory(Role.ADMIN_DINAS, office=office, full_name="Admin Dua")


@pytest.fixture
def head(user_factory, office):
    return user_factory(Role.PIMPINAN, office=office, full_name="Kepala Dinas")


def _api(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=user)}")


def _get_json(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.content
    return response.json()


def _request(admin, card, **extra):
    return card_revocation_request(
        actor=admin,
        card_id=card.pk,
        reason=extra.pop("reason", "forged_document"),
        note=extra.pop("note", "Ijazah tidak terdaftar di sekolah penerbit."),
        evidence=extra.pop("evidence", [_evidence()]),
        **extra,
    )


def test_two_admins_revoke_and_every_checker_sees_it(
    card, admin, second_admin, client, mailoutbox, django_capture_on_commit_callbacks
):
    # Given the keys and a status list an offline checker saved before the revocation
    keys = _get_json(client, "/.well-known/pencaker-keys.json")
    old_list = _get_json(client, "/.well-known/pencaker-status.json")
    assert card.token and verify_offline(card.token, keys, old_list, now=timezone.now()).status == (
        "active"
    )

    # When an admin dinas asks through the API, with evidence...
    response = _api(admin).post(
        "/api/v1/cards/revocations",
        {
            "number": card.number.replace("-", ""),
            "reason": "identity_fraud",
            "note": "KTP milik orang lain.",
            "evidence": [_evidence()],
        },
    )
    assert response.status_code == 201, response.content
    revocation_id = response.json()["id"]
    assert response.json()["status"] == "requested" and response.json()["evidence"] == 1
    # ...the card is not revoked yet, and the requester cannot confirm it herself...
    assert Card.objects.get(pk=card.pk).status == CardStatus.ACTIVE
    own = _api(admin).post(
        f"/api/v1/cards/revocations/{revocation_id}/confirm", {}, content_type="application/json"
    )
    assert own.status_code == 403 and own.json()["code"] == "revocation_four_eyes"
    # ...a second admin dinas confirms it.
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = _api(second_admin).post(
            f"/api/v1/cards/revocations/{revocation_id}/confirm",
            {"confirm": True, "note": "Dicek dengan Dukcapil."},
            content_type="application/json",
        )
    assert confirmed.status_code == 200, confirmed.content
    assert confirmed.json()["status"] == "confirmed"

    # Then the card is revoked, with its history and audit rows
    card.refresh_from_db()
    assert card.status == CardStatus.REVOKED
    assert card.history.order_by("id").last().actor_id == second_admin.pk
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "card.revocation_requested",
        "card.revocation_confirmed",
        "card.status_changed",
    } <= actions
    # ...the holder is told the reason and how to object, through the outbox
    told = Notification.objects.filter(kind="card.card_revoked")
    assert {n.channel for n in told} == {"email", "sms"}
    email = told.get(channel="email")
    assert "Penipuan identitas" in email.body or "Identity fraud" in email.body
    assert f"/kartu/pencabutan/{revocation_id}/" in email.body

    # ...the public check by number and by QR answers "dicabut" with nothing personal
    by_number = card_verify_number(number=card.number, birth_date=card.birth_date, ip_address=IP)
    by_qr = card_verify_token(token=card.token, ip_address=IP)
    for answer in (by_number, by_qr):
        assert answer.found and answer.status == CardStatus.REVOKED
        assert (answer.holder_name, answer.nik_masked, answer.reports) == ("", "", [])
        assert answer.issued_on is None and answer.valid_until is None
    page = client.get(f"/kartu/v/{card.token}", HTTP_ACCEPT_LANGUAGE="id")
    text = page.content.decode()
    assert "dicabut" in text.lower()
    assert "Siti Rahmawati" not in text and card.nik_masked not in text
    assert "Penipuan" not in text and "KTP milik orang lain" not in text
    api_answer = client.post(
        "/api/v1/cards/verify", {"token": card.token}, content_type="application/json"
    ).json()
    assert api_answer["status"] == "revoked" and api_answer["holder_name"] == ""

    # ...an offline check with a list fetched after the revocation says revoked...
    new_list = _get_json(client, "/.well-known/pencaker-status.json")
    later = timezone.now() + dt.timedelta(minutes=5)
    verdict = verify_offline(card.token, keys, new_list, now=later)
    assert verdict.status == "revoked" and verdict.list_checked
    # ...with the list it saved before, it says valid and how old that list is...
    stale = verify_offline(card.token, keys, old_list, now=later + dt.timedelta(hours=3))
    assert stale.status == "active" and stale.list_checked
    assert stale.list_age >= dt.timedelta(hours=3)
    assert stale.list_stale  # past its next update (one hour by default)
    assert "age 3h" in stale.describe() and "fetch a new list" in stale.describe()
    # ...and a list with one changed byte is refused.
    raw = bytearray(b64url_decode(new_list["status_list"]))
    raw[len(raw) // 2] ^= 0x01
    tampered = {**new_list, "status_list": b64url_encode(bytes(raw))}
    with pytest.raises(StatusListError):
        verify_offline(card.token, keys, tampered, now=later)


def test_the_offline_command_shows_status_and_list_age(card, admin, head, client, tmp_path):
    keys = tmp_path / "keys.json"
    keys.write_text(json.dumps(_get_json(client, "/.well-known/pencaker-keys.json")))
    before = tmp_path / "before.json"
    before.write_text(json.dumps(_get_json(client, "/api/v1/cards/status-list")))
    revocation = _request(admin, card)
    card_revocation_confirm(actor=head, revocation_id=revocation.pk)  # the pimpinan confirms
    after = tmp_path / "after.json"
    after.write_text(json.dumps(_get_json(client, "/.well-known/pencaker-status.json")))
    url = f"http://testserver/kartu/v/{card.token}"

    out = io.StringIO()
    call_command("card_verify_offline", url, keys=str(keys), status_list=str(after), stdout=out)
    assert "status: revoked" in out.getvalue() and "age 0h" in out.getvalue()
    out = io.StringIO()
    call_command("card_verify_offline", url, keys=str(keys), status_list=str(before), stdout=out)
    assert "status: active" in out.getvalue() and "status list: issued" in out.getvalue()
    document = json.loads(after.read_text())
    document["status_list"] = document["status_list"][:-4] + (
        "AAAA" if not document["status_list"].endswith("AAAA") else "BBBB"
    )
    after.write_text(json.dumps(document))
    with pytest.raises(CommandError, match="status list refused"):
        call_command("card_verify_offline", url, keys=str(keys), status_list=str(after))


def test_the_list_marks_superseded_versions_and_tokens_carry_their_index(
    card, application_factory, operator, client
):
    from pencaker.cards.services import card_issue

    newer = card_issue(application=application_factory(photo=False), actor=operator)
    keys = _get_json(client, "/.well-known/pencaker-keys.json")
    listed = status_list_verify(_get_json(client, "/.well-known/pencaker-status.json"), keys)
    assert listed.status_of(card.pk) == CardStatus.SUPERSEDED
    assert listed.status_of(newer.pk) is None
    now = timezone.now()
    assert (
        verify_offline(
            card.token,
            keys,
            listed_doc := _get_json(client, "/.well-known/pencaker-status.json"),
            now=now,
        ).status
        == "superseded"
    )
    assert verify_offline(newer.token, keys, listed_doc, now=now).status == "active"


def test_a_token_without_a_status_index_is_answered_from_its_dates(card, client):
    from pencaker.cards import qr_keys
    from pencaker.cards.tokens import CardClaims, token_sign

    kid, key = qr_keys.signing_key_current()
    legacy = token_sign(
        CardClaims(
            number=card.number,
            version=card.version,
            holder_name=card.holder_name,
            nik_masked=card.nik_masked,
            office_code=card.office.code,
            issued_on=card.issued_on,
            valid_until=card.valid_until,
        ),
        private_key=key,
        kid=kid,
    )
    keys = _get_json(client, "/.well-known/pencaker-keys.json")
    verdict = verify_offline(
        legacy, keys, _get_json(client, "/.well-known/pencaker-status.json"), now=timezone.now()
    )
    assert verdict.status == "active" and not verdict.list_checked
    assert "no status index" in verdict.describe()


def test_a_list_signed_by_an_unpublished_key_is_refused(card, client):
    document = _get_json(client, "/.well-known/pencaker-status.json")
    with pytest.raises(StatusListError):
        status_list_verify(document, {"keys": []})
    with pytest.raises(StatusListError):
        status_list_verify({"status_list": "not-cose"}, {"keys": []})


def test_requester_cannot_confirm_and_operator_cannot_request(card, admin, operator):
    with pytest.raises(NotFound):
        _request(operator, card)
    revocation = _request(admin, card)
    with pytest.raises(PermissionDenied):
        card_revocation_confirm(actor=admin, revocation_id=revocation.pk)
    with pytest.raises(PermissionDenied):
        card_revocation_confirm(actor=operator, revocation_id=revocation.pk)
    assert Card.objects.get(pk=card.pk).status == CardStatus.ACTIVE


def test_staff_of_another_office_cannot_see_or_confirm(card, admin, user_factory, other_office):
    revocation = _request(admin, card)
    foreign = user_factory(Role.ADMIN_DINAS, office=other_office)
    with pytest.raises(NotFound):
        card_revocation_confirm(actor=foreign, revocation_id=revocation.pk)


def test_a_request_needs_a_reason_a_note_and_checked_evidence(card, admin):
    with pytest.raises(DomainError) as missing:
        _request(admin, card, evidence=[], reason="bored", note="  ")
    assert set(missing.value.fields) == {"reason", "note", "evidence"}
    fake = SimpleUploadedFile("bukti.jpg", b"MZ\x90\x00 not an image at all", "image/jpeg")
    with pytest.raises(DomainError) as bad:
        _request(admin, card, evidence=[fake])
    assert "evidence" in bad.value.fields
    assert not CardRevocation.objects.exists()


def test_a_second_open_request_is_refused_and_a_retry_is_idempotent(card, admin, second_admin):
    first = _request(admin, card, idempotency_key="k-1")
    assert _request(admin, card, idempotency_key="k-1").pk == first.pk
    with pytest.raises(DomainError) as twice:
        _request(second_admin, card)
    assert twice.value.code == "revocation_open"


def test_declined_request_leaves_the_card_valid(card, admin, head):
    revocation = _request(admin, card)
    card_revocation_confirm(actor=head, revocation_id=revocation.pk, confirm=False, note="Kurang")
    revocation.refresh_from_db()
    assert revocation.status == RevocationStatus.DECLINED
    assert Card.objects.get(pk=card.pk).status == CardStatus.ACTIVE


def test_objection_upheld_restores_the_card_as_a_new_active_version(
    card, admin, second_admin, head, holder, django_capture_on_commit_callbacks
):
    revocation = _request(admin, card, reason="issued_in_error")
    card_revocation_confirm(actor=second_admin, revocation_id=revocation.pk)
    card_revocation_object(actor=holder, revocation_id=revocation.pk, text="Data saya benar.")
    with pytest.raises(PermissionDenied):  # the requester does not decide the objection
        card_revocation_objection_decide(
            actor=admin, revocation_id=revocation.pk, uphold=True, note="x"
        )
    decided = card_revocation_objection_decide(
        actor=head, revocation_id=revocation.pk, uphold=True, note="Dokumen asli diperiksa."
    )
    assert decided.status == RevocationStatus.UPHELD
    restored = decided.restored_card
    assert (restored.number, restored.version, restored.status) == (
        card.number,
        card.version + 1,
        CardStatus.ACTIVE,
    )
    assert Card.objects.get(pk=card.pk).status == CardStatus.SUPERSEDED
    assert Notification.objects.filter(kind="card.objection_upheld").exists()
    assert list(decided.history.values_list("to_status", flat=True)) == [
        "requested",
        "confirmed",
        "objected",
        "upheld",
    ]


def test_objection_rejected_keeps_the_card_revoked(card, admin, second_admin, holder):
    revocation = _request(admin, card)
    card_revocation_confirm(actor=second_admin, revocation_id=revocation.pk)
    with pytest.raises(DomainError):
        card_revocation_object(actor=holder, revocation_id=revocation.pk, text="  ")
    card_revocation_object(actor=holder, revocation_id=revocation.pk, text="Bukan saya.")
    decided = card_revocation_objection_decide(
        actor=second_admin, revocation_id=revocation.pk, uphold=False, note="Terbukti palsu."
    )
    assert decided.status == RevocationStatus.REJECTED
    assert Card.objects.get(pk=card.pk).status == CardStatus.REVOKED
    with pytest.raises(DomainError):  # one objection only
        card_revocation_object(actor=holder, revocation_id=revocation.pk, text="Lagi.")


def test_the_holder_finds_the_revocation_on_the_card_page(
    card, admin, second_admin, holder, client
):
    revocation = _request(admin, card)
    client.force_login(holder)
    assert f"/kartu/pencabutan/{revocation.pk}/" not in client.get("/kartu/").content.decode()
    assert client.get(f"/kartu/pencabutan/{revocation.pk}/").status_code == 404  # not yet
    card_revocation_confirm(actor=second_admin, revocation_id=revocation.pk)
    assert f"/kartu/pencabutan/{revocation.pk}/" in client.get("/kartu/").content.decode()
    assert client.get(f"/kartu/pencabutan/{revocation.pk}/").status_code == 200


def test_staff_pages_are_for_admins_and_the_head_of_office_of_the_office(
    card, admin, operator, staff_client_factory, user_factory, other_office
):
    revocation = _request(admin, card)
    url = f"/kartu/petugas/pencabutan/{revocation.pk}/"
    assert staff_client_factory(admin).get(url).status_code == 200
    assert staff_client_factory(operator).get(url).status_code == 403
    foreign = user_factory(Role.ADMIN_DINAS, office=other_office)
    assert staff_client_factory(foreign).get(url).status_code == 404
    evidence = revocation.evidence.get()
    assert (
        staff_client_factory(foreign)
        .get(f"/kartu/petugas/pencabutan/bukti/{evidence.pk}/")
        .status_code
        == 404
    )
    assert (
        staff_client_factory(admin)
        .get(f"/kartu/petugas/pencabutan/bukti/{evidence.pk}/")
        .status_code
        == 200
    )


def test_the_holder_objects_through_the_api_and_a_retry_is_safe(card, admin, second_admin, holder):
    revocation = _request(admin, card)
    client = _api(holder)
    url = f"/api/v1/cards/revocations/{revocation.pk}/objection"
    early = client.post(url, {"text": "Bukan saya."}, content_type="application/json")
    assert early.status_code == 409  # not confirmed yet: nothing to object to
    card_revocation_confirm(actor=second_admin, revocation_id=revocation.pk)
    first = client.post(url, {"text": "Bukan saya."}, content_type="application/json")
    again = client.post(url, {"text": "Bukan saya."}, content_type="application/json")
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json() and first.json()["status"] == "objected"
    other = client.post(url, {"text": "Yang lain."}, content_type="application/json")
    assert other.status_code == 409 and other.json()["code"] == "revocation_objection_closed"
    stranger = _api(admin).post(url, {"text": "x"}, content_type="application/json")
    assert stranger.status_code == 404
    assert AuditEvent.objects.filter(action="card.revocation_objected").count() == 1
