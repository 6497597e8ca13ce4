"""Records in and out over the API, mounted at /api/v1/exchange.

``holders_import`` (an admin dinas token; multipart ``file`` and ``dry_run``): the holders
import of the staff screen. ``export_since`` (a staff token; the caller's office only):
one page of the incremental export from the ``since`` cursor, as JSON (``records``,
``cursor``, ``more``) or, with ``format=jsonl``/``csv``, as a file whose next cursor is
in the ``X-Pencaker-Cursor`` header. See docs/exchange.md.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import Router, Schema

from pencaker.accounts.api_auth import TokenAuth
from pencaker.accounts.models import STAFF_ROLES, Role
from pencaker.core.audit import AuditAction, audit_record, client_ip
from pencaker.core.errors import DomainError, PermissionDenied
from pencaker.documents.checks import too_large_error
from pencaker.documents.upload_limit import install_upload_limit
from pencaker.exchange.errors import ExchangeErrorCode
from pencaker.exchange.export import export_since as export_page
from pencaker.exchange.export import records_csv, records_jsonl
from pencaker.exchange.holders_import import holders_import as holders_import_service

router = Router(tags=["exchange"], auth=TokenAuth())


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, Any] = {}


class ProblemOut(Schema):
    row: int
    messages: list[str]


class ImportOut(Schema):
    rows: int
    new: int
    unchanged: int
    committed: bool
    batch_id: int | None = None
    problems: list[ProblemOut]


class RecordOut(Schema):
    key: str
    kind: str
    id: int
    office: str
    changed_at: str
    data: dict[str, Any]


class ExportOut(Schema):
    records: list[RecordOut]
    cursor: str
    more: bool


_IMPORT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "CSV or XLSX in the template of docs/exchange.md",
                        },
                        "dry_run": {"type": "boolean", "default": False},
                    },
                }
            }
        },
    }
}


@router.post(
    "/holders/import",
    operation_id="holders_import",
    summary="Import existing AK/1 holders (all rows or none); dry_run only checks",
    response={200: ImportOut, 400: ErrorOut, 403: ErrorOut, 409: ErrorOut, 413: ErrorOut},
    openapi_extra=_IMPORT_BODY,
)
def holders_import(request):
    actor = request.auth
    if actor.role != Role.ADMIN_DINAS or not actor.office_id:
        raise PermissionDenied(
            ExchangeErrorCode.IMPORT_FORBIDDEN,
            _("Only the office's administrator (admin dinas) can import holders."),
        )
    limit = install_upload_limit(request)
    try:
        uploaded = request.FILES.get("file")
    except MultiPartParserError as exc:
        raise DomainError(
            ExchangeErrorCode.IMPORT_FILE_UNREADABLE,
            _("Send the file as multipart/form-data in the field file."),
        ) from exc
    if limit.too_large_bytes is not None:
        raise too_large_error(limit.too_large_bytes)
    if uploaded is None:
        raise DomainError(
            ExchangeErrorCode.IMPORT_FILE_UNREADABLE,
            _("Choose the file to import."),
            fields={"file": [_("Choose the file to import.")]},
        )
    dry_run = request.POST.get("dry_run", "").lower() in {"1", "true", "yes", "on"}
    report = holders_import_service(
        office=actor.office,
        data=uploaded.read(),
        actor=actor,
        filename=uploaded.name or "",
        dry_run=dry_run,
    )
    if not report.ok:
        raise DomainError(
            ExchangeErrorCode.IMPORT_ROWS_INVALID,
            _("%(count)d rows have problems; nothing was imported.")
            % {"count": len(report.problems)},
            details=report.as_dict(),
        )
    return report.as_dict()


@router.get(
    "/export",
    operation_id="export_since",
    summary="Records of the caller's office changed since a cursor (JSON, JSON Lines or CSV)",
    response={200: ExportOut, 400: ErrorOut, 403: ErrorOut},
)
def export_since(request, since: str = "", format: str = "json", limit: int = 1000):  # noqa: A002
    actor = request.auth
    if actor.role not in STAFF_ROLES or not actor.office_id:
        raise PermissionDenied(
            ExchangeErrorCode.EXPORT_FORBIDDEN,
            _("Only the office's staff can read its export."),
        )
    if format not in {"json", "jsonl", "csv"}:
        raise DomainError(
            ExchangeErrorCode.EXPORT_FORMAT_UNKNOWN,
            _("The format is json, jsonl or csv."),
            fields={"format": [_("The format is json, jsonl or csv.")]},
        )
    page = export_page(office=actor.office, since=since or None, limit=max(1, min(limit, 5000)))
    audit_record(
        actor=actor,
        action=AuditAction.EXCHANGE_EXPORT_READ,
        office=actor.office,
        ip_address=client_ip(request),
        data={"records": len(page.records), "format": format},
    )
    if format == "json":
        return {"records": page.records, "cursor": page.cursor, "more": page.more}
    if format == "jsonl":
        response = HttpResponse(records_jsonl(page.records), content_type="application/x-ndjson")
    else:
        response = HttpResponse(records_csv(page.records), content_type="text/csv; charset=utf-8")
    response["X-Pencaker-Cursor"] = page.cursor
    response["X-Pencaker-More"] = "1" if page.more else "0"
    return response
