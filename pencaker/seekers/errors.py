"""Error codes of the seekers app (values are stable: clients and tests match on them)."""

from __future__ import annotations

from enum import StrEnum


class SeekerErrorCode(StrEnum):
    FORBIDDEN = "forbidden"
    INVALID = "invalid"
    NIK_TAKEN = "nik_taken"
    NOT_JOB_SEEKER = "not_job_seeker"
    NOT_RECEIVING_ADMIN = "not_receiving_admin"
    TRANSFER_DECIDED = "transfer_decided"
    TRANSFER_NOT_FOUND = "transfer_not_found"
