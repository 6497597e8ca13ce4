"""Error codes of the seekers app (values are stable: clients and tests match on them)."""

from __future__ import annotations

from enum import StrEnum


class SeekerErrorCode(StrEnum):
    FORBIDDEN = "forbidden"
    INVALID = "invalid"
    NIK_TAKEN = "nik_taken"
    NOT_JOB_SEEKER = "not_job_seeker"
