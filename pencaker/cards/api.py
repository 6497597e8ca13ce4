"""Card API: public verification (operation ``card_verify``), the published keys and the
signed status list (``card_status_list``), and the four-eyes revocation for staff
(``card_revoke_request`` by an admin dinas, ``card_revoke_confirm`` by a second admin dinas
or the pimpinan; staff tokens are issued only with a TOTP code)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from pencaker.accounts.api_auth import TokenAuth
from pencaker.cards import batch_check, qr_keys, selectors, services, status_list
from pencaker.cards.choices import RevocationReason
from pencaker.cards.errors import CardErrorCode
from pencaker.core.audit import client_ip
from pencaker.core.error_schema import ErrorOut
from pencaker.core.errors import DomainError, NotFound
from pencaker.documents.checks import too_large_error
from pencaker.documents.upload_limit import install_upload_limit

router = Router(tags=["cards"])


class VerifyIn(Schema):
    """Either ``token`` (from the QR code) or ``number`` with ``birth_date``."""

    token: str | None = Field(default=None, max_length=2000)
    number: str | None = Field(default=None, max_length=40)
    birth_date: dt.date | None = None


class ReportOut(Schema):
    n: int | None = None
    date: str | None = None
    officer: str | None = None


class VerifyOut(Schema):
    outcome: str
    message: str = ""
    status: str = ""
    status_label: str = ""
    number: str = ""
    version: int = 0
    holder_name: str = ""
    nik_masked: str = ""
    office_name: str = ""
    office_code: str = ""
    issued_on: dt.date | None = None
    valid_until: dt.date | None = None
    newer_version: int | None = None
    reports: list[dict[str, Any]] = []
    placed_with: str = ""


@router.post(
    "/verify",
    response={200: VerifyOut, 400: ErrorOut, 429: ErrorOut},
    operation_id="card_verify",
    auth=None,
    summary="Check whether an AK/1 card is genuine and what its status is",
)
def card_verify(request, payload: VerifyIn):
    """Answers ``outcome`` ``found`` with the status (active, expired, placed, removed,
    revoked, superseded) and minimal data, or ``not_found`` / ``bad_check_digit`` /
    ``bad_format`` / ``bad_token`` with a message. Unknown numbers and wrong birth dates
    get the same ``not_found``. Rate-limited per client (429)."""
    ip = client_ip(request)
    if payload.token:
        result = services.card_verify_token(token=payload.token, ip_address=ip)
    elif payload.number:
        result = services.card_verify_number(
            number=payload.number, birth_date=payload.birth_date, ip_address=ip
        )
    else:
        raise DomainError(
            CardErrorCode.TOKEN_OR_NUMBER_REQUIRED,
            _("Send the QR token, or the card number with the holder's date of birth."),
        )
    return result.__dict__


@router.get("/keys", operation_id="card_keys", auth=None, summary="Published QR keys (JWK set)")
def card_keys(request):
    return qr_keys.published_jwks()


class BatchItemIn(Schema):
    number: str = Field(..., max_length=40)
    birth_date: dt.date | None = None


class BatchIn(Schema):
    items: list[BatchItemIn] = Field(..., max_length=batch_check.BATCH_MAX)


class BatchItemOut(VerifyOut):
    line: int


@router.post(
    "/verify-batch",
    response={200: list[BatchItemOut], 400: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    operation_id="employer_cards_verify",
    auth=TokenAuth(),
    summary="A verified employer checks up to 200 cards (number + birth date) at once",
)
def employer_cards_verify(request, payload: BatchIn):
    """Each item is answered as ``card_verify`` answers a number check, with its ``line``
    (1-based position in ``items``); each check is logged like the public one."""
    rows = [
        batch_check.BatchRow(
            line=index,
            number=item.number,
            birth_date=item.birth_date,
            error=""
            if item.birth_date
            else _("Line %(line)s: add the holder's date of birth (17-08-1995).") % {"line": index},
        )
        for index, item in enumerate(payload.items, start=1)
    ]
    results = batch_check.card_check_many(
        actor=request.auth, rows=rows, ip_address=client_ip(request)
    )
    return [{**r.verification.__dict__, "line": r.row.line} for r in results]


@router.get(
    "/status-list",
    operation_id="card_status_list",
    auth=None,
    summary="Signed status list of revoked, superseded and removed card versions",
)
def card_status_list(request):
    """The document published at ``/.well-known/pencaker-status.json``: ``status_list`` is
    a COSE_Sign1 (EdDSA, a key of ``card_keys``) over a CBOR map with ``iat``, ``nxt``
    (next update), ``bits`` (2), ``size`` and ``lst`` (zlib-compressed bitstring indexed
    by the token's ``si`` claim). Format: docs/cards/status-list.md."""
    return status_list.status_list_current()


class RevocationOut(Schema):
    id: int
    status: str
    reason: str
    card_number: str
    card_version: int
    requested_by: int
    confirmed_by: int | None = None
    evidence: int = 0


def _revocation_out(revocation) -> dict[str, Any]:
    return {
        "id": revocation.pk,
        "status": revocation.status,
        "reason": revocation.reason,
        "card_number": revocation.card.number,
        "card_version": revocation.card.version,
        "requested_by": revocation.requested_by_id,
        "confirmed_by": revocation.confirmed_by_id,
        "evidence": revocation.evidence.count(),
    }


_TEXT = {"type": "string"}
_REVOKE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["number", "reason", "note", "evidence"],
                    "properties": {
                        "number": _TEXT,
                        "reason": {"type": "string", "enum": list(RevocationReason.values)},
                        "note": _TEXT,
                        "idempotency_key": _TEXT,
                        "evidence": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": "1 to 5 files: JPEG, PNG or PDF",
                        },
                    },
                }
            }
        },
    }
}


@router.post(
    "/revocations",
    operation_id="card_revoke_request",
    auth=TokenAuth(),
    summary="An admin dinas asks for a card to be revoked (a second person confirms)",
    response={
        201: RevocationOut,
        400: ErrorOut,
        401: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        413: ErrorOut,
    },
    openapi_extra=_REVOKE_BODY,
)
def card_revoke_request(request):
    """Multipart: the card ``number`` (its current version is revoked), ``reason``
    (forged_document, identity_fraud, issued_in_error), ``note`` and one to five
    ``evidence`` files, checked as documents are. The card is not revoked yet."""
    limit = install_upload_limit(request)
    if not request.META.get("CONTENT_TYPE", "").startswith("multipart/form-data"):
        raise DomainError(
            CardErrorCode.REVOCATION_EVIDENCE_REQUIRED,
            _("Send the request as multipart/form-data with the evidence."),
        )
    try:
        files = request.FILES.getlist("evidence")
    except MultiPartParserError as exc:
        raise DomainError(
            CardErrorCode.REVOCATION_EVIDENCE_REQUIRED,
            _("Send the request as multipart/form-data with the evidence."),
        ) from exc
    if limit.too_large_bytes is not None:
        raise too_large_error(limit.too_large_bytes)
    card = selectors.card_current_for_office(
        office_id=getattr(request.auth, "office_id", None), number=request.POST.get("number", "")
    )
    if card is None:
        raise NotFound(CardErrorCode.NOT_FOUND, _("This card was not found."))
    revocation = services.card_revocation_request(
        actor=request.auth,
        card_id=card.pk,
        reason=request.POST.get("reason", ""),
        note=request.POST.get("note", ""),
        evidence=files,
        idempotency_key=request.POST.get("idempotency_key", ""),
        ip_address=client_ip(request),
    )
    return Status(201, _revocation_out(revocation))


class ConfirmIn(Schema):
    confirm: bool = True
    note: str = Field(default="", max_length=2000)


@router.post(
    "/revocations/{revocation_id}/confirm",
    operation_id="card_revoke_confirm",
    auth=TokenAuth(),
    summary="A second admin dinas or the pimpinan confirms (or declines) a revocation",
    response={
        200: RevocationOut,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
    },
)
def card_revoke_confirm(request, revocation_id: int, payload: ConfirmIn):
    """Confirmed: the card is revoked, the holder told (reason and how to object), and the
    next status list lists it. The requester cannot confirm their own request (403
    ``revocation_four_eyes``). Repeating a confirmation answers the same revocation."""
    revocation = services.card_revocation_confirm(
        actor=request.auth,
        revocation_id=revocation_id,
        confirm=payload.confirm,
        note=payload.note,
        ip_address=client_ip(request),
    )
    return _revocation_out(revocation)


class ObjectionIn(Schema):
    text: str = Field(..., max_length=4000)


class ObjectionOut(Schema):
    id: int
    status: str
    card_number: str
    objected_at: dt.datetime | None = None


@router.post(
    "/revocations/{revocation_id}/objection",
    operation_id="card_revocation_object",
    auth=TokenAuth(),
    summary="The holder objects to the revocation of their card (once)",
    response={200: ObjectionOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def card_revocation_object(request, revocation_id: int, payload: ObjectionIn):
    """The holder's token. Sending the same text again answers the recorded objection
    (safe to retry); another objection after it is refused (409
    ``revocation_objection_closed``)."""
    revocation = services.card_revocation_object(
        actor=request.auth,
        revocation_id=revocation_id,
        text=payload.text,
        ip_address=client_ip(request),
    )
    return {
        "id": revocation.pk,
        "status": revocation.status,
        "card_number": revocation.card.number,
        "objected_at": revocation.objected_at,
    }
