"""The Ed25519 keys that sign QR tokens: private keys in files, public keys in the database.

Embedded default: the folder ``DATA_DIR/card-keys``; production sets
``PENCAKER_CARD_KEY_DIR`` to a folder every app server and worker mounts (read-only for
the web servers is enough once a key exists). A key file is written atomically (temporary
file renamed) with mode 0600. If two workers create the first key at the same moment,
both keys are recorded and published, and the newer one signs from then on: harmless.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cwt import COSEKey
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from pencaker.cards.models import SigningKey
from pencaker.cards.tokens import b64url_encode


def key_dir() -> Path:
    configured = getattr(settings, "PENCAKER_CARD_KEY_DIR", None) or os.environ.get(
        "PENCAKER_CARD_KEY_DIR"
    )
    return Path(configured) if configured else Path(settings.DATA_DIR) / "card-keys"


def _public_jwk(public_raw: bytes, kid: str) -> dict[str, Any]:
    return {
        "kty": "OKP",
        "crv": "Ed25519",
        "x": b64url_encode(public_raw),
        "kid": kid,
        "alg": "EdDSA",
        "use": "sig",
    }


def _write_private(path: Path, pem: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        os.write(fd, pem)
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def _create_key() -> SigningKey:
    private = Ed25519PrivateKey.generate()
    public_raw = private.public_key().public_bytes_raw()
    # kid: the first 16 base64url characters of the SHA-256 of the public key.
    kid = b64url_encode(hashlib.sha256(public_raw).digest())[:16]
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    _write_private(key_dir() / f"{kid}.pem", pem)
    return SigningKey.objects.create(kid=kid, public_jwk=_public_jwk(public_raw, kid))


def _private_path(kid: str) -> Path:
    return key_dir() / f"{kid}.pem"


def signing_key_current() -> tuple[str, Any]:
    """The key that signs new tokens; created on first use."""
    with transaction.atomic():
        row = SigningKey.objects.filter(retired_at__isnull=True).order_by("-created_at").first()
        if row is None or not _private_path(row.kid).exists():
            if row is not None:
                # The public key stays published; its private file is gone (lost disk,
                # new machine): sign with a fresh key from now on.
                row.retired_at = timezone.now()
                row.save(update_fields=["retired_at"])
            row = _create_key()
    pem = _private_path(row.kid).read_bytes()
    return row.kid, COSEKey.from_pem(pem, kid=row.kid)


def signing_key_rotate() -> SigningKey:
    """Retire the current key (it stays published) and create a new one."""
    with transaction.atomic():
        SigningKey.objects.filter(retired_at__isnull=True).update(retired_at=timezone.now())
        return _create_key()


def published_jwks() -> dict[str, Any]:
    """Every key ever used, current first: retired keys still verify old cards."""
    rows = SigningKey.objects.order_by(F("retired_at").asc(nulls_first=True), "-created_at")
    keys = []
    for row in rows:
        jwk = dict(row.public_jwk)
        if row.retired_at:
            jwk["retired"] = row.retired_at.date().isoformat()
        keys.append(jwk)
    return {"keys": keys}
