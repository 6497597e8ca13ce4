from __future__ import annotations

from enum import StrEnum


class InfoErrorCode(StrEnum):
    FORBIDDEN = "info_forbidden"
    NOT_FOUND = "info_not_found"
    INVALID = "info_invalid"
    IMAGE_NOT_ALLOWED = "info_image_not_allowed"
