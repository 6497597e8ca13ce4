"""Error codes of the reporting app (values are stable: clients and tests match on them).

Member name = the value upper-cased (ADR 13).
"""

from __future__ import annotations

from enum import StrEnum


class ReportingErrorCode(StrEnum):
    PERIOD_INVALID = "period_invalid"
    PERIOD_OUT_OF_RANGE = "period_out_of_range"
