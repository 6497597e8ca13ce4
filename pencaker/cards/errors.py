"""Error codes of the cards app (values are stable: clients and tests match on them).

Member name = the value upper-cased (ADR 13).
"""

from __future__ import annotations

from enum import StrEnum


class CardErrorCode(StrEnum):
    CARD_NOT_ACTIVE = "card_not_active"
    NOT_FOUND = "not_found"
    RATE_LIMITED = "rate_limited"
    TOKEN_OR_NUMBER_REQUIRED = "token_or_number_required"  # noqa: S105 (an error code)
    EMPLOYER_NOT_VERIFIED = "employer_not_verified"
    BATCH_EMPTY = "batch_empty"
    BATCH_TOO_LARGE = "batch_too_large"
    REVOCATION_NOT_FOUND = "revocation_not_found"
    REVOCATION_OPEN = "revocation_open"
    REVOCATION_FOUR_EYES = "revocation_four_eyes"
    REVOCATION_NOT_ALLOWED = "revocation_not_allowed"
    REVOCATION_REASON_INVALID = "revocation_reason_invalid"
    REVOCATION_EVIDENCE_REQUIRED = "revocation_evidence_required"
    REVOCATION_OBJECTION_CLOSED = "revocation_objection_closed"
    OBJECTION_TEXT_REQUIRED = "objection_text_required"
    STATUS_LIST_INVALID = "status_list_invalid"
    SIGNER_FORBIDDEN = "signer_forbidden"
    SIGNER_FILE_INVALID = "signer_file_invalid"
    SIGNER_NO_KEY = "signer_no_key"
    SIGNER_EXPIRED = "signer_expired"
    SIGNER_NOT_YET_VALID = "signer_not_yet_valid"
    SIGNER_NOT_FOR_SIGNING = "signer_not_for_signing"
