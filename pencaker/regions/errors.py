"""Error codes of the regions app: region imports and the NIK (values are stable: clients
and tests match on them).

Member name = the value upper-cased (ADR 13).
"""

from __future__ import annotations

from enum import StrEnum


class RegionErrorCode(StrEnum):
    NIK_DATE = "nik_date"
    NIK_DAY = "nik_day"
    NIK_LENGTH = "nik_length"
    NIK_MONTH = "nik_month"
    NIK_NOT_DIGITS = "nik_not_digits"
    NIK_PROVINCE = "nik_province"
    NIK_SERIAL = "nik_serial"
    REGIONS_BAD_CODE = "regions_bad_code"
    REGIONS_BAD_CSV = "regions_bad_csv"
    REGIONS_BAD_NAME = "regions_bad_name"
    REGIONS_DUPLICATE_CODE = "regions_duplicate_code"
    REGIONS_MISSING_COLUMNS = "regions_missing_columns"
    REGIONS_MISSING_PARENT = "regions_missing_parent"
    REGIONS_UNKNOWN_LEVEL = "regions_unknown_level"
    REGIONS_WRONG_PARENT = "regions_wrong_parent"
