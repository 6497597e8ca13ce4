"""Bearer-token authentication for the HTTP API, reusable by every app's router.

Usage in another app::

    from pencaker.accounts.api_auth import TokenAuth

    router = Router(auth=TokenAuth())

    @router.get("/x", operation_id="x_get")
    def x_get(request):
        user = request.auth  # the authenticated, active User

Tokens are random (``secrets.token_urlsafe``); only their SHA-256 hash is stored.

A token ends (issue 14):

- unused for ``PENCAKER_API_TOKEN_IDLE_DAYS`` (default 30), and at the latest
  ``PENCAKER_API_TOKEN_MAX_DAYS`` (default 90) after it was issued;
- when the password changes, whichever way (the change page, the reset link, an admin):
  each token keeps an HMAC of the password hash it was issued under, as Django's sessions
  do, and stops when that no longer matches;
- when it is revoked: logout, the owner's own revoke, a two-factor reset, deactivation.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from ninja.security import HttpBearer

from pencaker.accounts.models import ApiToken, User

# last_used_at is also the idle clock; writing it at most once a minute keeps reads cheap.
_TOUCH_EVERY = timedelta(minutes=1)


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def token_auth_hash(user: User) -> str:
    """Changes whenever the user's password changes (Django's session rule for tokens)."""
    return salted_hmac("pencaker.accounts.api_token", user.password, algorithm="sha256").hexdigest()


def _idle() -> timedelta:
    return timedelta(days=int(getattr(settings, "PENCAKER_API_TOKEN_IDLE_DAYS", 30)))


def _max_age() -> timedelta:
    return timedelta(days=int(getattr(settings, "PENCAKER_API_TOKEN_MAX_DAYS", 90)))


def token_issue(*, user: User, name: str = "", ttl: timedelta | None = None) -> str:
    """Create a token for ``user`` and return the plain value (shown once, never stored).
    ``ttl`` may shorten the life of the token, never lengthen it past the maximum age."""
    raw = secrets.token_urlsafe(32)
    life = min(ttl, _max_age()) if ttl else _max_age()
    ApiToken.objects.create(
        user=user,
        key_hash=token_hash(raw),
        auth_hash=token_auth_hash(user),
        name=name[:100],
        expires_at=timezone.now() + life,
    )
    return raw


def tokens_valid(user: User | None = None) -> Any:
    """Tokens not revoked, not expired, not idle too long and not too old (a queryset);
    the password check is per row (``token_lookup``, ``api_token_list_for``)."""
    now = timezone.now()
    queryset = ApiToken.objects.filter(
        revoked_at__isnull=True,
        created_at__gt=now - _max_age(),
    ).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
    queryset = queryset.filter(
        Q(last_used_at__gt=now - _idle())
        | Q(last_used_at__isnull=True, created_at__gt=now - _idle())
    )
    return queryset.filter(user=user) if user is not None else queryset


def token_matches_password(token: ApiToken) -> bool:
    return hmac.compare_digest(token.auth_hash, token_auth_hash(token.user))


def token_lookup(raw: str) -> ApiToken | None:
    """The valid token with this plain value (its active user loaded), or None."""
    if not raw or len(raw) > 200:
        return None
    token = tokens_valid().select_related("user").filter(key_hash=token_hash(raw)).first()
    if token is None or not token.user.is_active:
        return None
    if not token_matches_password(token):
        # The password changed since: the token ends for good.
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > _TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def token_user(raw: str) -> User | None:
    """The active user owning a valid token, or None."""
    token = token_lookup(raw)
    return token.user if token is not None else None


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``; sets ``request.auth`` (and ``request.user``) and
    ``request.api_token`` (the token row, for logout)."""

    def authenticate(self, request: Any, token: str) -> User | None:
        row = token_lookup(token)
        if row is None:
            return None
        request.user = row.user
        request.api_token = row
        return row.user
