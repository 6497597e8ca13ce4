"""Error codes of the training app (stable snake_case values: clients match on them)."""

from __future__ import annotations

from enum import StrEnum


class TrainingErrorCode(StrEnum):
    FORBIDDEN = "forbidden"
    PROGRAMME_NOT_FOUND = "programme_not_found"
    WAVE_NOT_FOUND = "wave_not_found"
    REGISTRATION_NOT_FOUND = "registration_not_found"
    INVALID_PROGRAMME = "invalid_programme"
    INVALID_WAVE = "invalid_wave"
    NOT_EDITABLE = "not_editable"
    NOT_JOB_SEEKER = "not_job_seeker"
    PROFILE_REQUIRED = "profile_required"
    NOT_OPEN = "not_open"
    NOT_ELIGIBLE = "not_eligible"
    DECLARATION_REQUIRED = "declaration_required"
    INVALID_PRIORITY = "invalid_priority"
    ALREADY_REGISTERED = "already_registered"
    INVALID_IDEMPOTENCY_KEY = "invalid_idempotency_key"
    WITHDRAW_CLOSED = "withdraw_closed"
    NOT_SELECTED = "not_selected"
    CONFIRM_EXPIRED = "confirm_expired"
    REDRAW_REFUSED = "redraw_refused"
    NOT_CLOSED = "not_closed"
    INVALID_SCORE = "invalid_score"
