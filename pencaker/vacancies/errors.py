"""Error codes of the vacancies app (stable snake_case values: clients match on them)."""

from __future__ import annotations

from enum import StrEnum


class VacancyErrorCode(StrEnum):
    NOT_EMPLOYER = "not_employer"
    NOT_VERIFIED = "not_verified"
    FORBIDDEN = "forbidden"
    VACANCY_NOT_FOUND = "vacancy_not_found"
    APPLICATION_NOT_FOUND = "application_not_found"
    INVALID_VACANCY = "invalid_vacancy"
    NOT_EDITABLE = "not_editable"
    RETURN_ITEMS_REQUIRED = "return_items_required"
    INVALID_RETURN_ITEM = "invalid_return_item"
    INVALID_DECISION = "invalid_decision"
    INVALID_CLOSE_REASON = "invalid_close_reason"
    NOT_OPEN = "not_open"
    APPLY_ELSEWHERE = "apply_elsewhere"
    NOT_JOB_SEEKER = "not_job_seeker"
    PROFILE_REQUIRED = "profile_required"
    CARD_REQUIRED = "card_required"
    CARD_NOT_ACTIVE = "card_not_active"
    ALREADY_APPLIED = "already_applied"
    INVALID_IDEMPOTENCY_KEY = "invalid_idempotency_key"
    INVALID_DOCUMENT = "invalid_document"
    INVALID_STATUS = "invalid_status"
    INTERVIEW_DETAILS_REQUIRED = "interview_details_required"
    HIRE_DETAILS_REQUIRED = "hire_details_required"
    CARD_NOT_FOUND = "card_not_found"
    INVALID_HIRE_REPORT = "invalid_hire_report"
    HIRE_REPORT_NOT_FOUND = "hire_report_not_found"
    HIRE_REPORT_PENDING = "hire_report_pending"
    HIRE_REPORT_CLOSED = "hire_report_closed"
