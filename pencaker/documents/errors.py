"""Error codes of the documents app (values are stable: clients and tests match on them)."""

from __future__ import annotations

from enum import StrEnum


class DocumentErrorCode(StrEnum):
    DOCUMENT_EMPTY = "document_empty"
    DOCUMENT_FILE_MISSING = "document_file_missing"
    DOCUMENT_IMAGE_TOO_MANY_PIXELS = "document_image_too_many_pixels"
    DOCUMENT_IMAGE_TOO_SMALL = "document_image_too_small"
    DOCUMENT_IMAGE_UNREADABLE = "document_image_unreadable"
    DOCUMENT_KIND_UNKNOWN = "document_kind_unknown"
    DOCUMENT_NOT_MULTIPART = "document_not_multipart"
    DOCUMENT_OWNER_NOT_JOB_SEEKER = "document_owner_not_job_seeker"
    DOCUMENT_PDF_DATA_BEFORE_HEADER = "document_pdf_data_before_header"
    DOCUMENT_PDF_ENCRYPTED = "document_pdf_encrypted"
    DOCUMENT_PDF_TOO_LARGE_DECODED = "document_pdf_too_large_decoded"
    DOCUMENT_PDF_TOO_MANY_PAGES = "document_pdf_too_many_pages"
    DOCUMENT_PDF_UNREADABLE = "document_pdf_unreadable"
    DOCUMENT_PHOTO_NOT_IMAGE = "document_photo_not_image"
    DOCUMENT_PHOTO_NOT_PORTRAIT = "document_photo_not_portrait"
    DOCUMENT_PHOTO_TOO_SMALL = "document_photo_too_small"
    DOCUMENT_PHOTO_WRONG_RATIO = "document_photo_wrong_ratio"
    DOCUMENT_TOO_LARGE = "document_too_large"
    DOCUMENT_TYPE_NOT_ALLOWED = "document_type_not_allowed"
    DOCUMENT_UPLOAD_FORBIDDEN = "document_upload_forbidden"
