"""The QR code printed on the card, read back the way a phone reads it.

The issued (signed) PDF page is rendered to an image with poppler's ``pdftoppm -r 200`` and
the QR code is decoded from the pixels with ZBar's ``zbarimg`` (Debian package
``zbar-tools``). The token taken from the decoded URL is then verified offline with only the
published key set (fetched once from ``/.well-known/pencaker-keys.json``, no database
access afterwards), both with Pencaker's own verifier and with a from-scratch COSE_Sign1
check (RFC 9052) using nothing but ``cbor2`` and ``cryptography``, and the verification API
(``card_verify``) must answer the same status.

Both tools are required: a missing tool fails the test, it is never skipped.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import cbor2
import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.utils import timezone

from pencaker.cards.services import card_issue
from pencaker.cards.tokens import CardClaims, b64url_decode, token_verify

DPI = 200
VERIFY_PATH = "/kartu/v/"


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(
            f"{name} not found: install Debian's {package} (apt-get install {package}); "
            "the QR test is never skipped.",
            pytrace=False,
        )
    return path


def _scan_qr(card: Any, folder: Path) -> list[str]:
    """Render page 1 of the stored signed PDF at 200 dpi and decode every QR symbol on it."""
    pdftoppm = _tool("pdftoppm", "poppler-utils")
    zbarimg = _tool("zbarimg", "zbar-tools")
    pdf = folder / "card.pdf"
    with card.pdf.open("rb") as handle:
        pdf.write_bytes(handle.read())
    subprocess.run(
        [pdftoppm, "-png", "-r", str(DPI), "-f", "1", "-l", "1", str(pdf), str(folder / "page")],
        check=True,
        timeout=120,
    )
    (image,) = folder.glob("page*.png")
    scanned = subprocess.run(
        # QR symbols only: a linear-barcode reader can misread printed text as a barcode.
        [zbarimg, "--raw", "-q", "-Sdisable", "-Sqrcode.enable", str(image)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    # zbarimg exits 4 when the image holds no symbol at all.
    assert scanned.returncode == 0, f"no QR code decoded (exit {scanned.returncode})"
    return [line for line in scanned.stdout.splitlines() if line]


def _token_from_url(url: str) -> str:
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc) == ("http", "testserver")
    assert parts.path.startswith(VERIFY_PATH)
    token = parts.path[len(VERIFY_PATH) :]
    assert token and "/" not in token and not parts.query
    return token


def _cose_verify_by_hand(token: str, jwks: dict[str, Any]) -> dict[Any, Any]:
    """An independent offline verifier: COSE_Sign1 (tag 18) with EdDSA over Ed25519, the
    public key taken from the JWK whose ``kid`` is in the protected header."""
    message = cbor2.loads(b64url_decode(token))
    assert isinstance(message, cbor2.CBORTag) and message.tag == 18
    protected_bytes, _unprotected, payload, signature = message.value
    protected = cbor2.loads(protected_bytes)
    assert protected[1] == -8  # alg: EdDSA
    kid = protected[4].decode("ascii")
    (jwk,) = [key for key in jwks["keys"] if key["kid"] == kid]
    assert (jwk["kty"], jwk["crv"]) == ("OKP", "Ed25519")
    public_key = Ed25519PublicKey.from_public_bytes(b64url_decode(jwk["x"]))
    to_be_signed = cbor2.dumps(["Signature1", protected_bytes, b"", payload])
    public_key.verify(signature, to_be_signed)  # raises InvalidSignature if forged
    return cbor2.loads(payload)


def _offline_status(claims: CardClaims, today: dt.date) -> str:
    """What an offline verifier can tell from the token alone: genuine and in date, or
    genuine and expired (placement, removal or a newer version need the online check)."""
    return "active" if claims.valid_until >= today else "expired"


def _api_verify(client: Any, token: str) -> dict[str, Any]:
    response = client.post(
        "/api/v1/cards/verify", {"token": token}, content_type="application/json"
    )
    assert response.status_code == 200
    return response.json()


def _published_keys(client: Any) -> dict[str, Any]:
    response = client.get("/.well-known/pencaker-keys.json")
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize(
    ("age_days", "expected_status"),
    [(0, "active"), (3 * 365, "expired")],
    ids=["card-in-date", "card-past-valid-until"],
)
def test_qr_decoded_from_the_card_image_verifies_offline_with_the_same_status_as_the_api(
    application_factory,
    operator,
    client,
    tmp_path,
    django_assert_num_queries,
    age_days,
    expected_status,
):
    # Given an issued card (decided today, or three years ago so it is past its date)
    application = application_factory()
    application.decided_at = timezone.now() - dt.timedelta(days=age_days)
    application.save(update_fields=["decided_at"])
    card = card_issue(application=application, actor=operator)
    jwks = _published_keys(client)

    # When the printed QR code is read from the rendered page
    (url,) = _scan_qr(card, tmp_path)
    token = _token_from_url(url)

    # Then it is the token that was signed for this card version...
    assert token == card.token
    # ...it verifies offline with the published keys alone (no database)...
    with django_assert_num_queries(0):
        claims = token_verify(token, jwks)
        raw_claims = _cose_verify_by_hand(token, jwks)
    assert claims.number == card.number and claims.version == card.version
    assert claims.kid == card.token_kid
    assert claims.holder_name == "Siti Rahmawati"
    assert claims.nik_masked == card.nik_masked and "*" in claims.nik_masked
    assert (claims.issued_on, claims.valid_until) == (card.issued_on, card.valid_until)
    assert raw_claims[2] == card.number and raw_claims[1] == card.office.code
    offline = _offline_status(claims, timezone.localdate())
    assert offline == expected_status

    # ...and the verification API answers the same card with the same status.
    answer = _api_verify(client, token)
    assert answer["outcome"] == "found"
    assert answer["status"] == offline
    assert (answer["number"], answer["version"]) == (claims.number, claims.version)
    assert answer["holder_name"] == claims.holder_name
    assert answer["nik_masked"] == claims.nik_masked
    assert answer["valid_until"] == claims.valid_until.isoformat()


def test_qr_of_a_replaced_card_is_genuine_offline_but_the_api_says_superseded(
    card, application_factory, operator, client, tmp_path
):
    # Given a card whose holder was issued a newer version afterwards
    jwks = _published_keys(client)
    (old_url,) = _scan_qr(card, tmp_path)
    newer = card_issue(application=application_factory(photo=False), actor=operator)
    assert (newer.number, newer.version) == (card.number, card.version + 1)

    # When the old card's printed QR is checked
    old_token = _token_from_url(old_url)
    claims = token_verify(old_token, jwks)

    # Then the signature still proves it genuine, and only the online check knows it was
    # replaced (the offline answer can only be "in date").
    assert (claims.number, claims.version) == (card.number, card.version)
    assert _offline_status(claims, timezone.localdate()) == "active"
    answer = _api_verify(client, old_token)
    assert answer["status"] == "superseded"
    assert answer["newer_version"] == newer.version


def test_hand_verifier_rejects_a_token_signed_by_another_key(card, client):
    # The independent verifier is a real check, not a decoder: a different published key
    # under the same kid must make it fail.
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    from pencaker.cards.tokens import b64url_encode

    jwks = _published_keys(client)
    other = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    forged = {"keys": [{**jwks["keys"][0], "x": b64url_encode(other)}]}
    with pytest.raises(InvalidSignature):
        _cose_verify_by_hand(card.token, forged)
