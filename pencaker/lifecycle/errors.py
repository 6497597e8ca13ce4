"""Error codes of the lifecycle app (values are stable: clients and tests match on them).

Member name = the value upper-cased (ADR 13).
"""

from __future__ import annotations

from enum import StrEnum


class LifecycleErrorCode(StrEnum):
    ALREADY_REPORTED = "already_reported"
    CARD_NOT_ACTIVE = "card_not_active"
    FORBIDDEN = "forbidden"
    INVALID_OUTCOME = "invalid_outcome"
    INVALID_PLACEMENT = "invalid_placement"
    INVALID_SETTING = "invalid_setting"
    NOT_FOUND = "not_found"
    NO_REPORT_DUE = "no_report_due"
    PLACEMENT_REQUIRED = "placement_required"
    NO_PLACEMENT = "no_placement"
    CORRECTION_PERIOD_OVER = "correction_period_over"
    DISPUTE_NOT_ALLOWED = "dispute_not_allowed"
    DISPUTE_CLOSED = "dispute_closed"
    INVALID_DISPUTE = "invalid_dispute"
