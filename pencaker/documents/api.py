"""Documents API, mounted at /api/v1/documents (operationIds: document_upload, document_list).

The upload takes ``multipart/form-data`` with ``kind`` and ``file`` and reads the body
itself, after installing the same streaming size limit as the web form; that is why the
request body is described in ``openapi_extra`` instead of as ninja parameters (ninja would
parse the body before the limit is in place).
"""

from __future__ import annotations

from datetime import datetime

from django.http.multipartparser import MultiPartParserError
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from pencaker.accounts.api_auth import TokenAuth
from pencaker.core.audit import client_ip
from pencaker.core.error_schema import ErrorOut
from pencaker.core.errors import DomainError
from pencaker.core.input_rules import multipart_refusal
from pencaker.documents.checks import too_large_error
from pencaker.documents.choices import DocumentKind
from pencaker.documents.errors import DocumentErrorCode
from pencaker.documents.models import DocumentVersion
from pencaker.documents.selectors import document_overview_for, owner_office
from pencaker.documents.services import document_upload as document_upload_service
from pencaker.documents.upload_limit import install_upload_limit

router = Router(tags=["documents"], auth=TokenAuth())


class VersionOut(Schema):
    id: int
    number: int
    content_type: str
    size: int
    sha256: str
    width: int | None
    height: int | None
    page_count: int | None
    original_filename: str
    uploaded_at: datetime
    url: str


class UploadOut(Schema):
    kind: str
    version: VersionOut


class DocumentOut(Schema):
    kind: str
    label: str
    required: bool
    current: VersionOut | None
    older_versions: list[VersionOut]


def _version_out(version: DocumentVersion) -> dict:
    return {
        "id": version.pk,
        "number": version.number,
        "content_type": version.content_type,
        "size": version.size,
        "sha256": version.sha256,
        "width": version.width,
        "height": version.height,
        "page_count": version.page_count,
        "original_filename": version.original_filename,
        "uploaded_at": version.uploaded_at,
        "url": reverse("documents:file", args=[version.pk]),
    }


_UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["kind", "file"],
                    "properties": {
                        "kind": {"type": "string", "enum": list(DocumentKind.values)},
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "JPEG, PNG or PDF, checked by content",
                        },
                    },
                }
            }
        },
    }
}


@router.post(
    "/",
    operation_id="document_upload",
    summary="Upload a new version of one document",
    response={201: UploadOut, 400: ErrorOut, 403: ErrorOut, 413: ErrorOut},
    openapi_extra=_UPLOAD_BODY,
)
def document_upload(request):
    limit = install_upload_limit(request)
    content_type = request.META.get("CONTENT_TYPE", "")
    if not content_type.startswith("multipart/form-data"):
        raise DomainError(
            DocumentErrorCode.DOCUMENT_NOT_MULTIPART,
            _("Send the document as multipart/form-data with the fields kind and file."),
        )
    try:
        files = request.FILES
    except MultiPartParserError as exc:
        raise DomainError(
            DocumentErrorCode.DOCUMENT_NOT_MULTIPART,
            _("Send the document as multipart/form-data with the fields kind and file."),
        ) from exc
    if limit.too_large_bytes is not None:
        raise too_large_error(limit.too_large_bytes)
    if refused := multipart_refusal(request):
        return refused
    kind = request.POST.get("kind", "")
    uploaded = files.get("file")
    if kind not in DocumentKind.values:
        raise DomainError(
            DocumentErrorCode.DOCUMENT_KIND_UNKNOWN,
            _("Choose which document this is (for example KTP, photo or ijazah)."),
            details={"allowed": list(DocumentKind.values)},
        )
    if uploaded is None:
        raise DomainError(DocumentErrorCode.DOCUMENT_FILE_MISSING, _("Choose a file to upload."))
    version = document_upload_service(
        actor=request.auth,
        owner=request.auth,
        kind=kind,
        uploaded_file=uploaded,
        ip_address=client_ip(request),
    )
    return Status(201, {"kind": kind, "version": _version_out(version)})


@router.get(
    "/",
    operation_id="document_list",
    summary="The caller's documents: every kind with required flag, current and older versions",
    response={200: list[DocumentOut]},
)
def document_list(request):
    user = request.auth
    rows = document_overview_for(user=user, office=owner_office(user))
    return [
        {
            "kind": row.kind,
            "label": row.label,
            "required": row.required,
            "current": _version_out(row.current) if row.current else None,
            "older_versions": [_version_out(v) for v in row.older_versions],
        }
        for row in rows
    ]
