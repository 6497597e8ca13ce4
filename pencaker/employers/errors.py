"""Error codes of the employers app (stable snake_case values: clients match on them)."""

from __future__ import annotations

from enum import StrEnum


class EmployerError(StrEnum):
    NOT_EMPLOYER = "not_employer"
    ALREADY_MEMBER = "already_member"
    IDENTIFIER_REQUIRED = "identifier_required"
    INVALID_NIB = "invalid_nib"
    INVALID_NPWP = "invalid_npwp"
    INVALID_PHONE = "invalid_phone"
    INVALID_SECTOR = "invalid_sector"
    INVALID_TYPE = "invalid_type"
    INVALID_SIZE_BAND = "invalid_size_band"
    INVALID_WEBSITE = "invalid_website"
    ADDRESS_REQUIRED = "address_required"
    NO_OFFICE = "no_office"
    DOCUMENT_REQUIRED = "document_required"
    NIB_TAKEN = "nib_taken"
    NPWP_TAKEN = "npwp_taken"
    ORGANISATION_NOT_FOUND = "organisation_not_found"
    FORBIDDEN = "forbidden"
    OWNER_ONLY = "owner_only"
    OTP_SETUP_REQUIRED = "otp_setup_required"
    NOT_EDITABLE = "not_editable"
    RETURN_ITEMS_REQUIRED = "return_items_required"
    INVALID_RETURN_ITEM = "invalid_return_item"
    INVALID_REJECT_REASON = "invalid_reject_reason"
    REJECT_NOTE_REQUIRED = "reject_note_required"
    INVALID_DECISION = "invalid_decision"
    EMAIL_TAKEN = "email_taken"
    MEMBER_NOT_FOUND = "member_not_found"
    CANNOT_REMOVE_OWNER = "cannot_remove_owner"
    NOT_VERIFIED = "not_verified"
    NOT_MULTIPART = "not_multipart"
    INVALID_TRANSITION = "invalid_transition"
