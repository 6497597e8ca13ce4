"""Forwarding a complaint to the national channel SP4N-LAPOR! (an adapter interface).

Only the export row leaves (``selectors.complaint_export_row``: no identity, no contact).
The logging implementation stands in for the real connector, as the SMS gateway's does;
``PENCAKER_LAPOR_FORWARDER`` names another class.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("pencaker.complaints.forwarding")


class ComplaintForwarder(Protocol):
    def forward(self, *, row: dict[str, Any]) -> str:
        """Send the row; return the national channel's reference."""


class LoggingForwarder:
    sent: list[dict[str, Any]] = []

    def forward(self, *, row: dict[str, Any]) -> str:
        logger.info(
            "SP4N-LAPOR! forwarder (logging only)",
            extra={"tracking_number": row["tracking_number"], "category": row["category"]},
        )
        LoggingForwarder.sent.append(row)
        return f"lapor-log-{len(LoggingForwarder.sent)}"


def get_forwarder() -> ComplaintForwarder:
    path = getattr(
        settings,
        "PENCAKER_LAPOR_FORWARDER",
        "pencaker.complaints.forwarding.LoggingForwarder",
    )
    return import_string(path)()
