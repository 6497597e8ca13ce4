"""The outbox that forwards exported records to a central endpoint (ADR 0024).

``forward_collect`` moves an office's export cursor forward and queues each new record
version as a ``ForwardItem`` (unique ``key``: queueing twice keeps one row).
``forward_send`` takes due items under a lease (``SKIP LOCKED``, ``next_attempt_at``
pushed past the send), posts them in one batch and marks them sent only after a 2xx; on
any failure they stay pending with exponential backoff (30 s, 1, 2, 4 … min, at most 1 h).
Both run from the scheduler (``exchange_forward`` every minute) — never in a request, so
the office's service never waits on the central system.

Delivery is exactly once while the endpoint either answers or refuses the connection. A
worker that dies between the endpoint's 2xx and marking the row sent resends it after
the lease with the SAME key: the one case a receiver must treat a key as seen.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from pencaker.exchange.export import export_since
from pencaker.exchange.models import ForwardCursor, ForwardItem
from pencaker.offices.models import Office

logger = logging.getLogger("pencaker.exchange")

LEASE = dt.timedelta(minutes=5)
BACKOFF_FIRST = dt.timedelta(seconds=30)
BACKOFF_MAX = dt.timedelta(hours=1)
# Sent items are kept this long (to answer "was it sent, when"), then deleted: the cursor
# never goes back, so a deleted key is never queued again.
KEEP_SENT = dt.timedelta(days=30)


class ForwardError(Exception):
    """The endpoint did not accept the batch (unreachable, timeout, non-2xx)."""


class Forwarder(Protocol):
    def send(self, records: list[dict[str, Any]]) -> None: ...


class LoggingForwarder:
    """Writes each record key to the log (development, or an office without a central
    system yet): everything counts as delivered."""

    def send(self, records: list[dict[str, Any]]) -> None:
        for record in records:
            logger.info("exchange record %s", record["key"])


@dataclass
class HttpForwarder:
    """POSTs ``{"records": [...]}`` as JSON to ``url`` with a bearer token."""

    url: str
    token: str = ""
    timeout: float = 10

    def send(self, records: list[dict[str, Any]]) -> None:
        body = json.dumps({"records": records}, ensure_ascii=False).encode()
        request = urllib.request.Request(  # noqa: S310 - the URL is the operator's setting
            self.url, data=body, method="POST", headers={"Content-Type": "application/json"}
        )
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                if not 200 <= response.status < 300:
                    raise ForwardError(f"HTTP {response.status}")
        except urllib.error.HTTPError as exc:
            raise ForwardError(f"HTTP {exc.code}") from exc
        except (urllib.error.URLError, OSError, TimeoutError) as exc:
            raise ForwardError(type(exc).__name__) from exc


def forwarder_configured() -> Forwarder | None:
    kind = settings.PENCAKER_EXCHANGE_FORWARDER
    if kind == "logging":
        return LoggingForwarder()
    if kind == "http" and settings.PENCAKER_EXCHANGE_URL:
        return HttpForwarder(
            url=settings.PENCAKER_EXCHANGE_URL,
            token=settings.PENCAKER_EXCHANGE_TOKEN,
            timeout=settings.PENCAKER_EXCHANGE_TIMEOUT_SECONDS,
        )
    return None


def forward_collect(*, office: Office, now: dt.datetime | None = None) -> int:
    """Queue the office's records changed since its cursor; returns how many were new."""
    now = now or timezone.now()
    queued = 0
    while True:
        with transaction.atomic():
            state, _created = ForwardCursor.objects.get_or_create(office=office)
            state = ForwardCursor.objects.select_for_update().get(pk=state.pk)
            page = export_since(office=office, since=state.cursor or None, now=now)
            if page.records:
                items = [
                    ForwardItem(
                        office=office,
                        key=r["key"],
                        kind=r["kind"],
                        payload=r,
                        next_attempt_at=now,
                    )
                    for r in page.records
                ]
                before = ForwardItem.objects.filter(key__in=[i.key for i in items]).count()
                ForwardItem.objects.bulk_create(items, ignore_conflicts=True)
                queued += len(items) - before
            state.cursor = page.cursor
            state.save(update_fields=["cursor", "updated_at"])
        if not page.more:
            return queued


def _backoff(attempts: int) -> dt.timedelta:
    return min(BACKOFF_FIRST * (2 ** max(attempts - 1, 0)), BACKOFF_MAX)


@dataclass
class SendResult:
    sent: int = 0
    failed: int = 0


def forward_send(
    *, forwarder: Forwarder, now: dt.datetime | None = None, batch: int | None = None
) -> SendResult:
    """Send due items in batches until none is due or a batch fails."""
    now = now or timezone.now()
    batch = batch or settings.PENCAKER_EXCHANGE_BATCH
    result = SendResult()
    while True:
        with transaction.atomic():
            items = list(
                ForwardItem.objects.select_for_update(skip_locked=True)
                .filter(status=ForwardItem.Status.PENDING, next_attempt_at__lte=now)
                .order_by("id")[:batch]
            )
            if not items:
                return result
            ids = [i.pk for i in items]
            # The lease: another worker skips these until it runs out.
            ForwardItem.objects.filter(pk__in=ids).update(next_attempt_at=now + LEASE)
        try:
            forwarder.send([i.payload for i in items])
        except ForwardError as exc:
            for item in items:
                item.attempts += 1
                item.next_attempt_at = now + _backoff(item.attempts)
                item.last_error = str(exc)[:300]
            ForwardItem.objects.bulk_update(items, ["attempts", "next_attempt_at", "last_error"])
            result.failed += len(items)
            logger.warning("exchange forward failed (%s); %d records queued", exc, len(items))
            return result
        ForwardItem.objects.filter(pk__in=ids).update(
            status=ForwardItem.Status.SENT, sent_at=timezone.now(), last_error=""
        )
        result.sent += len(items)


def forward_run(*, now: dt.datetime | None = None) -> SendResult:
    """Collect every office's changes and send what is due (the scheduled job)."""
    forwarder = forwarder_configured()
    if forwarder is None:
        return SendResult()
    now = now or timezone.now()
    for office in Office.objects.order_by("pk"):
        forward_collect(office=office, now=now)
    result = forward_send(forwarder=forwarder, now=now)
    ForwardItem.objects.filter(status=ForwardItem.Status.SENT, sent_at__lt=now - KEEP_SENT).delete()
    return result
