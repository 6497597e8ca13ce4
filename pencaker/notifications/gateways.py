"""Message gateways for SMS and WhatsApp.

No real gateway can run here. ``LoggingGateway`` records that a message would have been
sent (with the number masked: logs carry no personal data). In embedded mode (``make run``)
the default is ``FileGateway``, which also writes each message whole to
``<PENCAKER_DATA_DIR>/sms-outbox.log`` so a person trying the demo can read the codes; it
refuses to run in production (ADR 0032). A real provider implements
``MessageGateway.send`` and is named in ``PENCAKER_SMS_GATEWAY`` (``HttpGateway`` covers
the usual Indonesian providers' APIs).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import string
import urllib.error
import urllib.request
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("pencaker.notifications")


class GatewayError(Exception):
    """The provider refused or could not be reached; the outbox retries later."""


class MessageGateway(Protocol):
    def send(self, *, channel: str, to: str, text: str) -> str:
        """Send ``text`` to the E.164 number ``to``; return the provider's message id."""


def mask_number(number: str) -> str:
    return number[:5] + "*" * max(len(number) - 8, 0) + number[-3:] if len(number) > 8 else "***"


class LoggingGateway:
    sent: list[dict[str, str]] = []

    def send(self, *, channel: str, to: str, text: str) -> str:
        logger.info(
            "message gateway (logging only)",
            extra={"channel": channel, "to": mask_number(to), "length": len(text)},
        )
        LoggingGateway.sent.append({"channel": channel, "to": to, "text": text})
        return f"log-{len(LoggingGateway.sent)}"


def sms_outbox_path() -> Path:
    """Where ``FileGateway`` writes (``PENCAKER_SMS_OUTBOX_FILE``, by default
    ``<PENCAKER_DATA_DIR>/sms-outbox.log``)."""
    return Path(getattr(settings, "PENCAKER_SMS_OUTBOX_FILE", settings.DATA_DIR / "sms-outbox.log"))


class FileGateway(LoggingGateway):
    """The embedded/demo gateway: every message, number and text in full, appended as one
    line to ``var/sms-outbox.log`` (the codes of the phone sign-up can be read there).

    The file holds numbers and one-time codes in clear, so it is a demonstration tool only:
    in production the settings refuse it and ``check --deploy`` warns about any gateway
    that does not reach a provider.
    """

    def send(self, *, channel: str, to: str, text: str) -> str:
        if settings.PRODUCTION:
            raise GatewayError("FileGateway is for embedded/demo mode only")
        message_id = super().send(channel=channel, to=to, text=text)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        line = f"{stamp}\t{channel}\t{to}\t{' '.join(text.split())}\n"
        path = sms_outbox_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        # One write of one line in append mode: processes writing at once do not interleave.
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line.encode())
        finally:
            os.close(fd)
        return message_id


# Gateways that never reach a phone; `check --deploy` warns when production names one.
NON_PRODUCTION_GATEWAYS = frozenset(
    {
        "pencaker.notifications.gateways.LoggingGateway",
        "pencaker.notifications.gateways.FileGateway",
    }
)


class HttpGateway:
    """The usual Indonesian SMS/WhatsApp provider API: one JSON POST per message.

    ``PENCAKER_SMS_HTTP_URL`` is the endpoint, ``PENCAKER_SMS_HTTP_TOKEN`` goes in
    ``Authorization: Bearer``, and ``PENCAKER_SMS_HTTP_TEMPLATE`` is the JSON body with
    ``$to``, ``$text`` and ``$channel`` replaced (JSON-escaped, so any text stays valid
    JSON). A refusal (HTTP 4xx/5xx) or an unreachable provider raises ``GatewayError``
    and the outbox retries; the provider's message id is read from ``id``,
    ``message_id`` or ``data.id`` of the answer when there is one.
    """

    def send(self, *, channel: str, to: str, text: str) -> str:
        url = settings.PENCAKER_SMS_HTTP_URL
        if not url:
            raise GatewayError("PENCAKER_SMS_HTTP_URL is not set")

        def quoted(value: str) -> str:
            return json.dumps(value)[1:-1]

        body = string.Template(settings.PENCAKER_SMS_HTTP_TEMPLATE or "").safe_substitute(
            to=quoted(to), text=quoted(text), channel=quoted(channel)
        )
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if settings.PENCAKER_SMS_HTTP_TOKEN:
            headers["Authorization"] = f"Bearer {settings.PENCAKER_SMS_HTTP_TOKEN}"
        request = urllib.request.Request(  # noqa: S310 (the URL is the operator's setting)
            url, data=body.encode(), headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(  # noqa: S310
                request, timeout=settings.PENCAKER_SMS_HTTP_TIMEOUT_SECONDS
            ) as response:
                answer = response.read(65536)
        except urllib.error.HTTPError as exc:
            raise GatewayError(f"provider answered HTTP {exc.code}") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise GatewayError(f"provider not reachable: {type(exc).__name__}") from exc
        logger.info(
            "message gateway (http)",
            extra={"channel": channel, "to": mask_number(to), "length": len(text)},
        )
        return _message_id(answer)


def _message_id(answer: bytes) -> str:
    try:
        data = json.loads(answer or b"{}")
    except ValueError:
        return ""
    if not isinstance(data, dict):
        return ""
    nested = data.get("data")
    for value in (
        data.get("id"),
        data.get("message_id"),
        nested.get("id") if isinstance(nested, dict) else None,
    ):
        if value not in (None, ""):
            return str(value)[:100]
    return ""


def get_gateway() -> MessageGateway:
    path = getattr(
        settings, "PENCAKER_SMS_GATEWAY", "pencaker.notifications.gateways.LoggingGateway"
    )
    return import_string(path)()
