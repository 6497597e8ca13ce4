"""Card API: public verification (operation ``card_verify``) and the published keys."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import Field

from pencaker.accounts.api_auth import TokenAuth
from pencaker.cards import batch_check, qr_keys, services
from pencaker.cards.errors import CardErrorCode
from pencaker.core.audit import client_ip
from pencaker.core.error_schema import ErrorOut
from pencaker.core.errors import DomainError

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
