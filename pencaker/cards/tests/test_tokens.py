"""The QR token verifies offline with only the published JWK set."""

from __future__ import annotations

import pytest

from pencaker.cards import qr_keys
from pencaker.cards.services import card_issue, verify_url
from pencaker.cards.tokens import TokenError, b64url_decode, b64url_encode, token_verify


@pytest.fixture
def published(db, client):
    response = client.get("/.well-known/pencaker-keys.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def test_published_keys_are_ed25519_jwks_with_kid(card, published):
    keys = published["keys"]
    assert [k["kid"] for k in keys] == [card.token_kid]
    assert keys[0]["kty"] == "OKP" and keys[0]["crv"] == "Ed25519" and "d" not in keys[0]


def test_token_verifies_offline_with_the_published_keys(card, published):
    claims = token_verify(card.token, published)
    assert claims.number == card.number
    assert claims.version == card.version
    assert claims.holder_name == "Siti Rahmawati"
    assert claims.nik_masked == card.nik_masked and "*" in claims.nik_masked
    assert claims.office_code == card.office.code
    assert (claims.issued_on, claims.valid_until) == (card.issued_on, card.valid_until)
    assert claims.kid == card.token_kid


def test_kid_is_in_the_protected_header(card):
    import cbor2

    message = cbor2.loads(b64url_decode(card.token))
    assert message.tag == 18
    protected = cbor2.loads(message.value[0])
    assert protected == {1: -8, 4: card.token_kid.encode()}


def test_qr_url_opens_the_verification_page(card):
    assert verify_url(card.token) == f"http://testserver/kartu/v/{card.token}"


@pytest.mark.parametrize("position", [10, 60, -20])
def test_a_changed_character_fails_verification(card, published, position):
    raw = bytearray(b64url_decode(card.token))
    raw[position] ^= 0x01
    with pytest.raises(TokenError):
        token_verify(b64url_encode(bytes(raw)), published)


@pytest.mark.parametrize("token", ["", "not-a-token", "A" * 3000, "%%%", b64url_encode(b"\xa0")])
def test_garbage_tokens_fail_cleanly(token, published):
    with pytest.raises(TokenError):
        token_verify(token, published)


def test_token_from_an_unknown_key_fails(card):
    with pytest.raises(TokenError):
        token_verify(card.token, {"keys": []})


def test_retired_key_stays_published_and_old_cards_still_verify(
    card, application_factory, operator, user_factory, client
):
    old_kid = card.token_kid
    new_key = qr_keys.signing_key_rotate()
    jwks = client.get("/.well-known/pencaker-keys.json").json()
    assert {k["kid"] for k in jwks["keys"]} == {old_kid, new_key.kid}
    assert token_verify(card.token, jwks).number == card.number
    # New cards are signed with the new key.
    from pencaker.seekers.tests.factories import CompleteProfileFactory

    other = CompleteProfileFactory().user
    newer = card_issue(application=application_factory(user=other, photo=False), actor=operator)
    assert newer.token_kid == new_key.kid
    assert token_verify(newer.token, jwks).number == newer.number


def test_rotation_command_keeps_old_keys(card, capsys):
    from django.core.management import call_command

    call_command("card_keys_rotate")
    keys = qr_keys.published_jwks()["keys"]
    assert len(keys) == 2
    assert keys[1]["kid"] == card.token_kid and "retired" in keys[1]


# The QR printed on the PDF is decoded from the rendered page image in test_qr_scan.py.
