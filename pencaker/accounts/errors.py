"""Error codes of the accounts app (values are stable: clients and tests match on them)."""

from __future__ import annotations

from enum import StrEnum


class AccountErrorCode(StrEnum):
    API_TOKEN_NOT_FOUND = "api_token_not_found"  # noqa: S105 (an error code, not a secret)
    CANNOT_DEACTIVATE_SELF = "cannot_deactivate_self"
    CONSENT_REQUIRED = "consent_required"
    EMAIL_TAKEN = "email_taken"
    INVALID_CREDENTIALS = "invalid_credentials"
    INVALID_PHONE = "invalid_phone"
    INVALID_ROLE = "invalid_role"
    LOCKED_OUT = "locked_out"
    NO_PENDING_DEVICE = "no_pending_device"
    NOT_OFFICE_ADMIN = "not_office_admin"
    OTP_INVALID = "otp_invalid"
    OTP_REQUIRED = "otp_required"
    OTP_THROTTLED = "otp_throttled"
    PHONE_CODE_ATTEMPTS = "phone_code_attempts"
    PHONE_CODE_EXPIRED = "phone_code_expired"
    PHONE_CODE_INVALID = "phone_code_invalid"
    PHONE_CODE_SEND_LIMIT = "phone_code_send_limit"
    PHONE_TAKEN = "phone_taken"
    STAFF_NOT_FOUND = "staff_not_found"
    TOKEN_EXPIRED = "token_expired"  # noqa: S105 (an error code, not a secret)
    TOKEN_INVALID = "token_invalid"  # noqa: S105
    VALIDATION_ERROR = "validation_error"
