"""The signed status list: which card versions are revoked, superseded or removed, for
verifiers that work offline (format in docs/cards/status-list.md).

A compressed bitstring, two bits per card version, indexed by the status index each token
carries (claim ``"si"``, the card version's row id), in a COSE_Sign1 envelope signed with
the QR key set (the same Ed25519 keys and the same ``cwt`` library as the card tokens),
with the time it was issued and the time the next list is due. Modelled on the IETF
OAuth "Token Status List" draft (zlib-compressed ``lst``, ``bits``, status 1 = invalid).

Published at ``/.well-known/pencaker-status.json``. A list is built at most once per
change of any card's status (the newest history row id is part of the cache key) and
kept for its lifetime, so a revocation is in the very next list fetched.
"""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass
from typing import Any

import cbor2
from cwt import COSE
from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.utils import timezone

from pencaker.cards import qr_keys
from pencaker.cards.choices import CardStatus
from pencaker.cards.models import Card, CardStatusChange, SigningKey
from pencaker.cards.tokens import (
    ALG_EDDSA,
    HEADER_ALG,
    HEADER_KID,
    TokenError,
    _key_from_jwk,
    b64url_decode,
    b64url_encode,
)

FORMAT = "pencaker-status-list/1"
BITS = 2
#: The two-bit value of each listed status; 0 = not listed (the card's own dates decide).
STATUS_VALUES: dict[str, int] = {
    CardStatus.REVOKED: 1,
    CardStatus.SUPERSEDED: 2,
    CardStatus.REMOVED: 3,
}
VALUE_STATUSES = {value: status for status, value in STATUS_VALUES.items()}
#: Refuse a list that would inflate past this (a zip bomb sent as a "list").
MAX_ENTRIES = 16 * 1024 * 1024
MAX_DOCUMENT_CHARS = 8 * 1024 * 1024


class StatusListError(ValueError):
    """The list is malformed, not signed by a published key, or altered."""


def ttl_seconds() -> int:
    return int(getattr(settings, "PENCAKER_STATUS_LIST_TTL_SECONDS", 3600))


@dataclass(frozen=True)
class StatusList:
    issued_at: dt.datetime
    next_update: dt.datetime
    size: int
    bitstring: bytes
    kid: str = ""

    def value_at(self, index: int) -> int:
        if index < 0 or index >= self.size:
            return 0
        byte = self.bitstring[(index * BITS) // 8]
        return (byte >> ((index * BITS) % 8)) & ((1 << BITS) - 1)

    def status_of(self, index: int) -> str | None:
        """The listed status of the card version at ``index`` (None: not listed)."""
        return VALUE_STATUSES.get(self.value_at(index))


def bitstring_pack(entries: dict[int, int], size: int) -> bytes:
    """Two bits per index, least significant bits first within each byte (as the draft)."""
    data = bytearray((size * BITS + 7) // 8)
    for index, value in entries.items():
        data[(index * BITS) // 8] |= value << ((index * BITS) % 8)
    return bytes(data)


def _epoch(moment: dt.datetime) -> int:
    return int(moment.timestamp())


def status_list_build(*, now: dt.datetime | None = None) -> dict[str, Any]:
    """Sign the current list (the published JSON document)."""
    now = (now or timezone.now()).replace(microsecond=0)
    rows = Card.objects.filter(status__in=list(STATUS_VALUES)).values_list("pk", "status")
    entries = {pk: STATUS_VALUES[status] for pk, status in rows}
    size = (Card.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
    next_update = now + dt.timedelta(seconds=ttl_seconds())
    payload = {
        "typ": FORMAT,
        "iat": _epoch(now),
        "nxt": _epoch(next_update),
        "bits": BITS,
        "size": size,
        "lst": zlib.compress(bitstring_pack(entries, size), 9),
    }
    kid, private_key = qr_keys.signing_key_current()
    raw = COSE.new().encode_and_sign(
        cbor2.dumps(payload),
        private_key,
        protected={HEADER_ALG: ALG_EDDSA, HEADER_KID: kid.encode("ascii")},
        unprotected={},
    )
    return {
        "format": FORMAT,
        "kid": kid,
        # Informative copies; verifiers read the signed values inside ``status_list``.
        "issued_at": now.isoformat(),
        "next_update": next_update.isoformat(),
        "status_list": b64url_encode(raw),
    }


def status_list_current() -> dict[str, Any]:
    """The published list, rebuilt when any card's status changed (or it has lived out)."""
    generation = CardStatusChange.objects.aggregate(top=Max("pk"))["top"] or 0
    # The signing key is part of the key: a rotation publishes a list under the new key.
    kid = (
        SigningKey.objects.filter(retired_at__isnull=True)
        .order_by("-created_at")
        .values_list("kid", flat=True)
        .first()
    )
    key = f"cards:status-list:{kid}:{generation}"
    document = cache.get(key)
    if document is None:
        document = status_list_build()
        cache.set(key, document, timeout=max(1, ttl_seconds() - 60))
    return document


def status_list_verify(document: Any, jwks: dict[str, Any]) -> StatusList:
    """Check the list's signature with the published keys alone (no database, no network)
    and decode it. Raises ``StatusListError`` for anything not genuine or malformed."""
    text = document.get("status_list") if isinstance(document, dict) else document
    if not isinstance(text, str) or not text or len(text) > MAX_DOCUMENT_CHARS:
        raise StatusListError("no status list")
    try:
        raw = b64url_decode(text)
        message = cbor2.loads(raw)
        if not (isinstance(message, cbor2.CBORTag) and message.tag == 18):
            raise StatusListError("not a COSE_Sign1 message")
        protected = cbor2.loads(message.value[0])
        if protected.get(HEADER_ALG) != ALG_EDDSA:
            raise StatusListError("unexpected algorithm")
        kid = protected[HEADER_KID]
        kid = kid.decode("ascii") if isinstance(kid, bytes) else str(kid)
    except StatusListError:
        raise
    except Exception as exc:  # noqa: BLE001 - any malformed envelope is refused
        raise StatusListError("malformed envelope") from exc
    keys = [k for k in (jwks or {}).get("keys", []) if isinstance(k, dict) and k.get("kid") == kid]
    if not keys:
        raise StatusListError("unknown key id")
    try:
        payload = cbor2.loads(COSE.new().decode(raw, _key_from_jwk(keys[0])))
    except (TokenError, Exception) as exc:  # noqa: BLE001 - cwt raises several types
        raise StatusListError("signature does not verify") from exc
    try:
        if payload["typ"] != FORMAT or payload["bits"] != BITS:
            raise StatusListError("unknown format")
        size = int(payload["size"])
        if size < 0 or size > MAX_ENTRIES:
            raise StatusListError("size out of range")
        expected = (size * BITS + 7) // 8
        inflater = zlib.decompressobj()
        bitstring = inflater.decompress(payload["lst"], expected + 1)
        if len(bitstring) != expected or inflater.unconsumed_tail:
            raise StatusListError("list length does not match its size")
        return StatusList(
            issued_at=dt.datetime.fromtimestamp(int(payload["iat"]), tz=dt.UTC),
            next_update=dt.datetime.fromtimestamp(int(payload["nxt"]), tz=dt.UTC),
            size=size,
            bitstring=bitstring,
            kid=kid,
        )
    except StatusListError:
        raise
    except Exception as exc:  # noqa: BLE001 - a signed but malformed payload is refused
        raise StatusListError("malformed payload") from exc
