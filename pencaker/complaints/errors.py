"""Error codes of the complaints app (stable snake_case values: clients match on them)."""

from __future__ import annotations

from enum import StrEnum


class ComplaintErrorCode(StrEnum):
    NOT_FOUND = "complaint_not_found"
    FORBIDDEN = "forbidden"
    INVALID_COMPLAINT = "invalid_complaint"
    INVALID_IDEMPOTENCY_KEY = "invalid_idempotency_key"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    TOO_MANY_ATTACHMENTS = "too_many_attachments"
    INVALID_ATTACHMENT = "invalid_attachment"
    INVALID_DECLINE = "invalid_decline"
    INVALID_ASSIGNMENT = "invalid_assignment"
    ASSIGNEE_NAMED = "assignee_named"
    INVALID_ANSWER = "invalid_answer"
    INVALID_TIER = "invalid_tier"
    ALREADY_EXTENDED = "already_extended"
    ALREADY_REOPENED = "already_reopened"
    INVALID_REPLY = "invalid_reply"
    INVALID_RATING = "invalid_rating"
    ALREADY_RATED = "already_rated"
    NO_HOLDER = "no_holder"
    NOT_CARD_DATA = "not_card_data"
    ALREADY_LINKED = "already_linked"
    INVALID_SETTINGS = "invalid_settings"
