"""Error codes of the applications app (values are stable: clients and tests match on them).

Only the codes raised by the views and the API are here yet; the services' codes join
when they are converted (same convention: member name = value upper-cased).
"""

from __future__ import annotations

from enum import StrEnum


class ApplicationErrorCode(StrEnum):
    FORBIDDEN = "forbidden"
    IDEMPOTENCY_KEY_REQUIRED = "idempotency_key_required"
    TRANSFER_REQUEST_OPEN = "transfer_request_open"
    TYPE_NEEDS_CARD = "type_needs_card"
