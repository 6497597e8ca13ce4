"""Error codes of the events app (stable snake_case values: clients match on them)."""

from __future__ import annotations

from enum import StrEnum


class EventErrorCode(StrEnum):
    FORBIDDEN = "forbidden"
    EVENT_NOT_FOUND = "event_not_found"
    REGISTRATION_NOT_FOUND = "registration_not_found"
    INVALID_EVENT = "invalid_event"
    NOT_JOB_SEEKER = "not_job_seeker"
    NOT_OPEN = "event_not_open"
    INVALID_IDEMPOTENCY_KEY = "invalid_idempotency_key"
    TICKET_NOT_FOUND = "ticket_not_found"
    TICKET_NOT_VALID = "ticket_not_valid"
    NOT_PARTICIPANT = "not_participant"
    NOT_ATTENDED = "not_attended"
    INVALID_EMPLOYER = "invalid_employer"
