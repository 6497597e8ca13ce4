"""Error codes of the matching app (stable snake_case values: clients match on them)."""

from __future__ import annotations

from enum import StrEnum


class MatchingErrorCode(StrEnum):
    NOT_JOB_SEEKER = "not_job_seeker"
    FORBIDDEN = "forbidden"
    VACANCY_NOT_FOUND = "vacancy_not_found"
    CANDIDATE_NOT_FOUND = "candidate_not_found"
    INVITATION_NOT_FOUND = "invitation_not_found"
    ALREADY_INVITED = "already_invited"
    INVITE_LIMIT = "invite_limit"
    INVALID_DECISION = "invalid_decision"
    INVITATION_CLOSED = "invitation_closed"
    VACANCY_NOT_OPEN = "vacancy_not_open"
    INVALID_TOKEN = "invalid_token"  # noqa: S105 (an error code)
    INVALID_VOCABULARY = "invalid_vocabulary"
