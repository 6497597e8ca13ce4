"""Error codes of the applications app (values are stable: clients and tests match on them).

Member name = the value upper-cased (ADR 13).
"""

from __future__ import annotations

from enum import StrEnum


class ApplicationErrorCode(StrEnum):
    ALREADY_DECIDED = "already_decided"
    ALREADY_OPEN = "already_open"
    CHECKLIST_INCOMPLETE = "checklist_incomplete"
    CLAIMED_BY_OTHER = "claimed_by_other"
    CODE_DELIVERY = "code_delivery"
    FORBIDDEN = "forbidden"
    IDEMPOTENCY_KEY_REQUIRED = "idempotency_key_required"
    TRANSFER_REQUEST_OPEN = "transfer_request_open"
    TYPE_NEEDS_CARD = "type_needs_card"
    INVALID_IDEMPOTENCY_KEY = "invalid_idempotency_key"
    INVALID_OPERATOR = "invalid_operator"
    INVALID_PHONE = "invalid_phone"
    INVALID_REJECT_REASON = "invalid_reject_reason"
    INVALID_RETURN_ITEM = "invalid_return_item"
    INVALID_TRANSITION = "invalid_transition"
    INVALID_TYPE = "invalid_type"
    INVALID_VILLAGE = "invalid_village"
    NOT_APPROVED = "not_approved"
    NOT_FOUND = "not_found"
    NO_OFFICE = "no_office"
    OTHER_OFFICE = "other_office"
    REASON_LABEL_REQUIRED = "reason_label_required"
    REASON_LABEL_TOO_LONG = "reason_label_too_long"
    REASON_OTHER_REQUIRED = "reason_other_required"
    REJECT_NOTE_REQUIRED = "reject_note_required"
    RENEWAL_NOT_POSSIBLE = "renewal_not_possible"
    RETURN_ITEMS_REQUIRED = "return_items_required"
    RETURN_TEXT_REQUIRED = "return_text_required"
