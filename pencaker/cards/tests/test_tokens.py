"""The QR token verifies offline with only the published JWK set."""

from __future__ import annotations

import subprocess

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


def _longest_run(flags: list[bool]) -> tuple[int, int]:
    best, start = (0, -1), None
    for index, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = index
        elif not flag and start is not None:
            if index - start > best[1] - best[0] + 1 or best == (0, -1):
                best = (start, index - 1)
            start = None
    return best


def _qr_matrix_from_page(png_path, expected_size: int, dpi: int) -> list[list[bool]]:
    """Read the QR module grid from the rendered page image: the QR is drawn at the right
    edge of side 1; its rows are the longest block of rows with dark pixels there (the
    quiet zone separates it from other lines); then sample the centre of each module."""
    from PIL import Image

    from pencaker.cards.pdf_render import INNER_W, MARGIN

    image = Image.open(png_path).convert("L")
    pixels = image.load()
    scale = dpi / 72
    x0, x1 = int((MARGIN + INNER_W - 113) * scale), int((MARGIN + INNER_W) * scale)
    rows = [any(pixels[x, y] < 100 for x in range(x0, x1)) for y in range(image.size[1] // 2)]
    top, bottom = _longest_run(rows)
    cols = [any(pixels[x, y] < 100 for y in range(top, bottom + 1)) for x in range(x0, x1)]
    left, right = _longest_run(cols)
    left += x0
    right += x0
    module = (right - left + 1) / expected_size
    return [
        [
            pixels[int(left + (col + 0.5) * module), int(top + (row + 0.5) * module)] < 128
            for col in range(expected_size)
        ]
        for row in range(expected_size)
    ]


def test_qr_printed_on_the_pdf_carries_the_signed_token(card, published, tmp_path, client):
    import segno

    pdf = tmp_path / "card.pdf"
    with card.pdf.open("rb") as handle:
        pdf.write_bytes(handle.read())
    subprocess.run(
        ["pdftoppm", "-png", "-r", "200", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
        check=True,
        timeout=120,
    )
    url = verify_url(card.token)
    expected = [[bool(v) for v in row] for row in segno.make(url, error="m", micro=False).matrix]
    scanned = _qr_matrix_from_page(next(tmp_path.glob("p*.png")), len(expected), 200)
    assert scanned == expected
    # The token from the printed QR verifies offline and the API gives the same status.
    token = url.rsplit("/", 1)[1]
    assert token_verify(token, published).number == card.number
    answer = client.post(
        "/api/v1/cards/verify", {"token": token}, content_type="application/json"
    ).json()
    assert answer["outcome"] == "found" and answer["status"] == "active"
    assert answer["number"] == card.number
