"""Error codes the API itself answers with (before any app's service runs)."""

from __future__ import annotations

from enum import StrEnum


class ApiErrorCode(StrEnum):
    BAD_REQUEST = "bad_request"
    INVALID_BODY = "invalid_body"
    INVALID_INPUT = "invalid_input"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    NOT_FOUND = "not_found"
    REQUEST_TOO_LARGE = "request_too_large"
    SERVER_ERROR = "server_error"
    TOO_MANY_FIELDS = "too_many_fields"
    UNAUTHORIZED = "unauthorized"
