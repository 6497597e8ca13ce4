"""The QR token: a CWT (RFC 8392) in a COSE_Sign1 envelope signed with Ed25519.

Layout (documented for offline verifiers in docs/adr/0007)::

    protected header  {1 (alg): -8 (EdDSA), 4 (kid): b"<kid>"}
    payload (CBOR map) {1 (iss): office code, 2 (sub): card number,
                        6 (iat): issue date 00:00 UTC, 4 (exp): valid-until date 00:00 UTC,
                        "v": card version, "nm": holder name, "nik": masked NIK,
                        "si": status index (cards rendered since the status list, see
                              docs/cards/status-list.md; absent from older tokens)}

The token travels base64url-encoded (no padding) at the end of the verification URL
``SITE_URL/kartu/v/<token>``: a phone camera opens the page, and an offline verifier takes
the token from the URL and checks it against the keys published at
``/.well-known/pencaker-keys.json``. An expired card's token still verifies (the signature
is what proves it is genuine); the verifier compares ``exp`` with today itself.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import dataclass
from typing import Any

import cbor2
from cwt import COSE, COSEKey

MAX_TOKEN_CHARS = 2000
ALG_EDDSA = -8
HEADER_ALG = 1
HEADER_KID = 4


class TokenError(ValueError):
    """The token is malformed, signed by an unknown key, or its signature is wrong."""


@dataclass(frozen=True)
class CardClaims:
    number: str
    version: int
    holder_name: str
    nik_masked: str
    office_code: str
    issued_on: dt.date
    valid_until: dt.date
    kid: str = ""
    #: Position of this card version in the status list; None in tokens signed before it.
    status_index: int | None = None

    def to_cbor_map(self) -> dict[Any, Any]:
        claims: dict[Any, Any] = {
            1: self.office_code,
            2: self.number,
            6: _epoch(self.issued_on),
            4: _epoch(self.valid_until),
            "v": self.version,
            "nm": self.holder_name,
            "nik": self.nik_masked,
        }
        if self.status_index is not None:
            claims["si"] = self.status_index
        return claims

    @classmethod
    def from_cbor_map(cls, claims: Any, kid: str) -> CardClaims:
        if not isinstance(claims, dict):
            raise TokenError("payload is not a map")
        index = claims.get("si")
        if index is not None and (
            not isinstance(index, int) or isinstance(index, bool) or index < 0
        ):
            raise TokenError("malformed status index")
        try:
            return cls(
                number=str(claims[2]),
                version=int(claims["v"]),
                holder_name=str(claims["nm"]),
                nik_masked=str(claims["nik"]),
                office_code=str(claims[1]),
                issued_on=_day(claims[6]),
                valid_until=_day(claims[4]),
                kid=kid,
                status_index=index,
            )
        except (KeyError, TypeError, ValueError, OverflowError, OSError) as exc:
            raise TokenError("missing or malformed claim") from exc


def _epoch(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def _day(epoch: Any) -> dt.date:
    if not isinstance(epoch, int):
        raise TypeError("date claim is not an integer")
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC).date()


def b64url_encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    padded = text + "=" * (-len(text) % 4)
    return base64.urlsafe_b64decode(padded.encode("ascii"))


def token_sign(claims: CardClaims, *, private_key: COSEKey, kid: str) -> str:
    """Sign the claims; return the token text for the QR URL."""
    payload = cbor2.dumps(claims.to_cbor_map())
    raw = COSE.new().encode_and_sign(
        payload,
        private_key,
        protected={HEADER_ALG: ALG_EDDSA, HEADER_KID: kid.encode("ascii")},
        unprotected={},
    )
    return b64url_encode(raw)


def token_kid(token: str) -> str:
    """The key id in the protected header (not yet verified)."""
    message = _load(token)
    try:
        protected = cbor2.loads(message[0])
        kid = protected[HEADER_KID]
        return kid.decode("ascii") if isinstance(kid, bytes) else str(kid)
    except Exception as exc:  # noqa: BLE001 - any malformed header is "not genuine"
        raise TokenError("bad protected header") from exc


def _load(token: str) -> list[Any]:
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_CHARS:
        raise TokenError("empty or too long")
    try:
        decoded = cbor2.loads(b64url_decode(token))
    except (binascii.Error, ValueError, cbor2.CBORDecodeError, UnicodeError) as exc:
        raise TokenError("not base64url CBOR") from exc
    value = decoded.value if isinstance(decoded, cbor2.CBORTag) and decoded.tag == 18 else None
    if not isinstance(value, list) or len(value) != 4 or not isinstance(value[0], bytes):
        raise TokenError("not a COSE_Sign1 message")
    return value


def _key_from_jwk(jwk: dict[str, Any]) -> Any:
    try:
        return COSEKey.from_jwk(jwk)
    except Exception as exc:  # noqa: BLE001 - a broken published key verifies nothing
        raise TokenError("unusable public key") from exc


def token_verify(token: str, jwks: dict[str, Any]) -> CardClaims:
    """Verify a token with a JWK set (``{"keys": [...]}``) alone: no database, no network.

    This is all an offline verifier needs; raises ``TokenError`` for anything not genuine.
    """
    kid = token_kid(token)
    keys = [k for k in (jwks or {}).get("keys", []) if isinstance(k, dict) and k.get("kid") == kid]
    if not keys:
        raise TokenError("unknown key id")
    raw = b64url_decode(token)
    try:
        protected = cbor2.loads(_load(token)[0])
        if protected.get(HEADER_ALG) != ALG_EDDSA:
            raise TokenError("unexpected algorithm")
        payload = COSE.new().decode(raw, _key_from_jwk(keys[0]))
        claims = cbor2.loads(payload)
    except TokenError:
        raise
    except Exception as exc:  # noqa: BLE001 - cwt raises several types for a bad signature
        raise TokenError("signature does not verify") from exc
    return CardClaims.from_cbor_map(claims, kid)
