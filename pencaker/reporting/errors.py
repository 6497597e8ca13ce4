"""Error codes of the reporting app (values are stable: clients and tests match on them).

Member name = the value upper-cased (ADR 13).
"""

from __future__ import annotations

from enum import StrEnum


class ReportingErrorCode(StrEnum):
    PERIOD_INVALID = "period_invalid"
    PERIOD_OUT_OF_RANGE = "period_out_of_range"
    PERFORMANCE_NOT_ALLOWED = "performance_not_allowed"
    PERFORMANCE_OPERATOR_NOT_FOUND = "performance_operator_not_found"
    PROVINCE_NOT_FOUND = "province_not_found"
