"""Error codes of the offices app (values are stable: clients and tests match on them)."""

from __future__ import annotations

from enum import StrEnum


class OfficeErrorCode(StrEnum):
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    CLOSURE_EXISTS = "closure_exists"
    INVALID_SETTING = "invalid_setting"
    INVALID_DOCUMENT_KIND = "invalid_document_kind"
    REASON_LABEL_REQUIRED = "reason_label_required"
    REASON_LABEL_TOO_LONG = "reason_label_too_long"
    REASON_OTHER_REQUIRED = "reason_other_required"
    INVALID_LOGO = "invalid_logo"
    OFFICE_EXISTS = "office_exists"
