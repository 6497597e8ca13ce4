"""Shed load cleanly instead of failing: a bounded number of requests in flight per process.

``LoadSheddingMiddleware`` admits at most ``PENCAKER_MAX_IN_FLIGHT`` requests at a time in
this process. A request that finds every slot taken waits at most
``PENCAKER_QUEUE_WAIT_MS`` for one to free up and is then answered ``503`` with
``Retry-After`` before any view runs, so a refused request never wrote anything. Pages get
a short "try again in a moment" page, API clients ``{"code": "overloaded", ...}``.

The limit is per process on purpose (nothing shared between processes, see DESIGN §5):
the whole server admits at most ``workers × PENCAKER_MAX_IN_FLIGHT`` requests at once;
gunicorn runs more threads than that per worker so that the extra threads can answer the
503 at once, and its ``--backlog`` bounds what waits in the kernel. Sizing is in ADR 0009.

A database that stops answering mid-request (server restarting, connections dropped) is
answered the same way, ``503`` with ``Retry-After``, never a 500: the transaction was
rolled back, so the client can safely retry (with the same Idempotency-Key).

Health endpoints are exempt: a load balancer must see that the process is alive.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

EXEMPT_PREFIXES = ("/healthz", "/readyz", "/static/")
DEFAULT_MAX_IN_FLIGHT = 4
DEFAULT_QUEUE_WAIT_MS = 100
DEFAULT_RETRY_AFTER = 5


def _setting(name: str, default: int) -> int:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name) or default
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return default


def max_in_flight() -> int:
    return _setting("PENCAKER_MAX_IN_FLIGHT", DEFAULT_MAX_IN_FLIGHT)


def wants_json(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    return request.path.startswith("/api/") or (
        "application/json" in accept and "text/html" not in accept
    )


def unavailable_response(request: HttpRequest, *, code: str, retry_after: int) -> HttpResponse:
    """The 503 answer for ``request``: JSON for the API, a short page for browsers."""
    language = translation.get_language_from_request(request)
    with translation.override(language):
        if code == "overloaded":
            message = _(
                "Many people are using the service right now. Nothing was saved. "
                "Please try again in a moment."
            )
        else:
            message = _(
                "The service is briefly unavailable. Nothing was saved. "
                "Please try again in a moment."
            )
        if wants_json(request):
            response: HttpResponse = JsonResponse(
                {"code": code, "message": message, "details": {"retry_after": retry_after}},
                status=503,
            )
        else:
            response = HttpResponse(_page(request, message, retry_after), status=503)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def _page(request: HttpRequest, message: str, retry_after: int) -> str:
    # The page must not touch the database (it may be the very thing that is down):
    # no session user, no stored messages.
    context = {
        "message": message,
        "retry_after": retry_after,
        "user": AnonymousUser(),
        "messages": [],
    }
    try:
        return render_to_string("ops/unavailable.html", context, request=request)
    except Exception:  # noqa: BLE001 - a plain page beats a 500 here
        logger.exception("unavailable page could not be rendered")
        return f"<!doctype html><title>503</title><p>{escape(message)}</p>"


class LoadSheddingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.limit = max_in_flight()
        self.wait = _setting("PENCAKER_QUEUE_WAIT_MS", DEFAULT_QUEUE_WAIT_MS) / 1000
        self.retry_after = _setting("PENCAKER_RETRY_AFTER", DEFAULT_RETRY_AFTER) or 1
        self.slots = threading.BoundedSemaphore(self.limit) if self.limit else None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.slots is None or request.path.startswith(EXEMPT_PREFIXES):
            return self.get_response(request)
        if not self.slots.acquire(timeout=self.wait):
            logger.warning("request shed", extra={"code": "overloaded", "limit": self.limit})
            return unavailable_response(request, code="overloaded", retry_after=self.retry_after)
        try:
            return self.get_response(request)
        finally:
            self.slots.release()

    def process_exception(self, request: HttpRequest, exception: Exception) -> Any:
        if isinstance(exception, OperationalError | InterfaceError):
            logger.warning(
                "database unavailable",
                extra={"code": "unavailable", "error": type(exception).__name__},
            )
            return unavailable_response(request, code="unavailable", retry_after=self.retry_after)
        return None
