"""Error codes the API itself answers with (before any app's service runs)."""

from __future__ import annotations

from enum import StrEnum


class ApiErrorCode(StrEnum):
    INVALID_INPUT = "invalid_input"
    UNAUTHORIZED = "unauthorized"
