"""Message gateways for SMS and WhatsApp.

No real gateway can run here, so the default is ``LoggingGateway``, which records that a
message would have been sent (with the number masked: logs carry no personal data). A real
provider implements ``MessageGateway.send`` and is named in ``PENCAKER_SMS_GATEWAY``.
"""

from __future__ import annotations

import logging
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


def get_gateway() -> MessageGateway:
    path = getattr(
        settings, "PENCAKER_SMS_GATEWAY", "pencaker.notifications.gateways.LoggingGateway"
    )
    return import_string(path)()
