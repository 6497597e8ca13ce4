"""Reads that tolerate lag go to the hot standby; everything else to the primary (ADR 0030).

Active only when ``DATABASE_REPLICA_URL`` is set (settings add the ``replica`` database,
this router and the middleware). The rules:

* Writes always go to the primary (``default``), whatever database an instance came from.
* A read goes to ``replica`` only inside a request to a view listed in
  ``PENCAKER_REPLICA_VIEWS`` (public vacancy board and feeds, reports, card verification),
  and only while that request has not written anything through the ORM, is not inside a
  transaction on the primary, and the browser has not written in the last
  ``PENCAKER_PRIMARY_PIN_SECONDS`` (the ``pencaker_primary`` cookie, set after every
  successful POST/PUT/PATCH/DELETE to any other view): what follows a write reads the
  primary.
* Outside requests (task worker, scheduler, management commands) everything reads the
  primary.

The standby is synchronous (deploy/README.md): an acknowledged commit is on its disk, but
may be applied there a few milliseconds later, which is the lag these views accept.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

REPLICA_DB_ALIAS = "replica"
PIN_COOKIE = "pencaker_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


@dataclass
class RoutingState:
    lag_tolerant: bool = False  # the view accepts reads from the standby
    pinned: bool = False  # something in this request (or just before it) wrote


_state: contextvars.ContextVar[RoutingState | None] = contextvars.ContextVar(
    "pencaker_db_routing", default=None
)


def replica_configured() -> bool:
    return REPLICA_DB_ALIAS in settings.DATABASES


@contextmanager
def routing_scope(*, lag_tolerant: bool = False, pinned: bool = False) -> Iterator[RoutingState]:
    """The routing state of one request (the middleware opens one per request)."""
    state = RoutingState(lag_tolerant=lag_tolerant, pinned=pinned)
    token = _state.set(state)
    try:
        yield state
    finally:
        _state.reset(token)


def read_alias() -> str:
    """Where a read made now goes (the router's rule, usable by raw SQL too)."""
    state = _state.get()
    if state is None or not state.lag_tolerant or state.pinned or not replica_configured():
        return DEFAULT_DB_ALIAS
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return DEFAULT_DB_ALIAS  # reads inside a transaction belong to that transaction
    return REPLICA_DB_ALIAS


class PrimaryReplicaRouter:
    """DATABASE_ROUTERS entry (settings add it with the replica database)."""

    def db_for_read(self, model, **hints) -> str:
        return read_alias()

    def db_for_write(self, model, **hints) -> str:
        state = _state.get()
        if state is not None:
            state.pinned = True  # the rest of this request reads what it wrote
        # Explicit: Django would otherwise write an instance back where it was read from.
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the standby holds the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS


class ReplicaRoutingMiddleware:
    """Opens the routing scope of each request, marks the lag-tolerant views and sets the
    short ``pencaker_primary`` cookie after a write."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with routing_scope(pinned=PIN_COOKIE in request.COOKIES) as state:
            request._pencaker_routing = state  # type: ignore[attr-defined]
            response = self.get_response(request)
            tolerant = state.lag_tolerant
        if request.method not in SAFE_METHODS and not tolerant and response.status_code < 400:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=int(getattr(settings, "PENCAKER_PRIMARY_PIN_SECONDS", 10)),
                httponly=True,
                samesite="Lax",
                secure=bool(getattr(settings, "SESSION_COOKIE_SECURE", False)),
            )
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        state = getattr(request, "_pencaker_routing", None)
        match = request.resolver_match
        if state is not None and match is not None:
            state.lag_tolerant = match.view_name in lag_tolerant_views()


def lag_tolerant_views() -> frozenset[str]:
    return frozenset(getattr(settings, "PENCAKER_REPLICA_VIEWS", ()))
