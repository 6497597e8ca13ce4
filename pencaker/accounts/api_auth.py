"""Bearer-token authentication for the HTTP API, reusable by every app's router.

Usage in another app::

    from pencaker.accounts.api_auth import TokenAuth

    router = Router(auth=TokenAuth())

    @router.get("/x", operation_id="x_get")
    def x_get(request):
        user = request.auth  # the authenticated, active User

Tokens are random (``secrets.token_urlsafe``); only their SHA-256 hash is stored.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone
from ninja.security import HttpBearer

from pencaker.accounts.models import ApiToken, User

# last_used_at is informative only; writing it at most once a minute keeps reads cheap.
_TOUCH_EVERY = timedelta(minutes=1)


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def token_issue(*, user: User, name: str = "", ttl: timedelta | None = None) -> str:
    """Create a token for ``user`` and return the plain value (shown once, never stored)."""
    raw = secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user,
        key_hash=token_hash(raw),
        name=name[:100],
        expires_at=timezone.now() + ttl if ttl else None,
    )
    return raw


def token_user(raw: str) -> User | None:
    """The active user owning a valid (not revoked, not expired) token, or None."""
    if not raw or len(raw) > 200:
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=token_hash(raw), revoked_at__isnull=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > _TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``; sets ``request.auth`` (and ``request.user``)."""

    def authenticate(self, request: Any, token: str) -> User | None:
        user = token_user(token)
        if user is not None:
            request.user = user
        return user
