"""Error codes of the exchange app (values are stable; member name = value upper-cased)."""

from __future__ import annotations

from enum import StrEnum


class ExchangeErrorCode(StrEnum):
    CLAIM_CODE_WRONG = "claim_code_wrong"
    CLAIM_NOT_FOUND = "claim_not_found"
    CLAIM_RATE_LIMITED = "claim_rate_limited"
    EXPORT_CURSOR_INVALID = "export_cursor_invalid"
    EXPORT_FORBIDDEN = "export_forbidden"
    EXPORT_FORMAT_UNKNOWN = "export_format_unknown"
    IMPORT_FILE_UNREADABLE = "import_file_unreadable"
    IMPORT_FORBIDDEN = "import_forbidden"
    IMPORT_HEADER = "import_header"
    IMPORT_ROWS_INVALID = "import_rows_invalid"
    IMPORT_TOO_LARGE = "import_too_large"
