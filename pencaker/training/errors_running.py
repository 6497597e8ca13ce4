"""Error codes of running a wave, certificates and allowances (stable snake_case values)."""

from __future__ import annotations

from enum import StrEnum


class RunningErrorCode(StrEnum):
    FORBIDDEN = "forbidden"
    NOT_FOUND = "running_not_found"
    NOT_PARTICIPANT = "not_participant"
    NOT_RUNNING = "wave_not_running"
    QR_EXPIRED = "attendance_qr_expired"
    QR_INVALID = "attendance_qr_invalid"
    INVALID_SCORE = "invalid_assessment_score"
    INVALID_RATING = "invalid_rating"
    NOT_COMPLETED = "not_completed"
    ALREADY_RATED = "already_rated"
    ALREADY_ANSWERED = "follow_up_already_answered"
    INVALID_ANSWER = "invalid_follow_up_answer"
    CERTIFICATE_NOT_FOUND = "certificate_not_found"
    CERTIFICATE_INVALID = "certificate_invalid"
