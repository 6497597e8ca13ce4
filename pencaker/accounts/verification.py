"""Signed, expiring email-verification tokens.

The token signs the user id and the email address; changing the email invalidates older
links. No database row is needed, so any app server can check any link.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing

SALT = "pencaker.accounts.email-verification"
MAX_AGE_SECONDS = 3 * 24 * 60 * 60


@dataclass(frozen=True)
class VerificationClaim:
    user_id: int
    email: str


class TokenExpired(Exception):
    pass


class TokenInvalid(Exception):
    pass


def verification_token_make(*, user_id: int, email: str) -> str:
    return signing.dumps({"u": user_id, "e": email}, salt=SALT, compress=True)


def verification_token_read(token: str) -> VerificationClaim:
    """Return the claim or raise ``TokenExpired`` / ``TokenInvalid``."""
    if not token or len(token) > 500:
        raise TokenInvalid
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.SignatureExpired as exc:
        raise TokenExpired from exc
    except signing.BadSignature as exc:
        raise TokenInvalid from exc
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise TokenInvalid
    return VerificationClaim(user_id=data["u"], email=str(data.get("e", "")))
