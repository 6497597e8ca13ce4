"""Running-a-wave API, mounted at /api/v1/training/running and /api/v1/certificates.

Staff (token of the wave's office, operator or admin dinas): ``staff_training_attendance``
(who was present at a session), ``staff_training_complete`` (assessment scores and
drop-outs; applies the completion rule, issues certificates, schedules allowances).
Participant: ``training_attendance_scan`` (the token of the session's QR; repeating it
records nothing twice), ``allowance_schedule_mine``. Public (no token): ``certificate_verify`` by QR
token (or its URL) or certificate number.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Router, Schema

from pencaker.accounts.api_auth import TokenAuth
from pencaker.training import services_running
from pencaker.training.models_running import Instalment

router = Router(tags=["training"], auth=TokenAuth())
certificates_router = Router(tags=["certificates"])


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, Any] = {}


class AttendanceIn(Schema):
    present: list[int] = []


class AttendanceOut(Schema):
    present: int
    absent: int


class ScanIn(Schema):
    token: str


class ScanOut(Schema):
    registration_id: int
    session_id: int
    present: bool
    method: str


class CompleteIn(Schema):
    scores: dict[int, int | None] = {}
    dropped: dict[int, str] = {}


class DecisionOut(Schema):
    registration_id: int
    status: str
    attendance_percent: int
    assessment_score: int | None
    reason: str
    certificate_number: str


class InstalmentOut(Schema):
    programme: str
    wave: int
    number: int
    amount: int
    due_on: dt.date
    status: str
    status_label: str
    reference: str
    confirmed_at: dt.datetime | None


class CertificateOut(Schema):
    found: bool
    message: str
    number: str
    holder_name: str
    programme: str
    competence: str
    provider: str
    office_name: str
    issued_on: dt.date | None
    by_token: bool


@router.post(
    "/sessions/{int:session_id}/attendance",
    operation_id="staff_training_attendance",
    summary="Record who was present at a session (everyone else confirmed: absent)",
    response={200: AttendanceOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def staff_training_attendance(request, session_id: int, payload: AttendanceIn):
    return services_running.attendance_mark(
        actor=request.auth, session_id=session_id, present_ids=set(payload.present)
    )


@router.post(
    "/attendance",
    operation_id="training_attendance_scan",
    summary="Record my presence at a session with the token of its QR code",
    response={200: ScanOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def training_attendance_scan(request, payload: ScanIn):
    row = services_running.attendance_scan(actor=request.auth, token=payload.token[:2000])
    return {
        "registration_id": row.registration_id,
        "session_id": row.session_id,
        "present": row.present,
        "method": row.method,
    }


@router.post(
    "/waves/{int:wave_id}/complete",
    operation_id="staff_training_complete",
    summary="Decide completion of a running wave (scores, drop-outs) and end it",
    response={200: list[DecisionOut], 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def staff_training_complete(request, wave_id: int, payload: CompleteIn):
    decisions = services_running.wave_complete(
        actor=request.auth, wave_id=wave_id, scores=payload.scores, dropped=payload.dropped
    )
    return [d.__dict__ for d in decisions]


@router.get(
    "/allowances/mine",
    operation_id="allowance_schedule_mine",
    summary="My allowance instalments and the state of each payment",
    response={200: list[InstalmentOut]},
)
def allowance_schedule_mine(request):
    rows = (
        Instalment.objects.filter(registration__seeker=request.auth)
        .select_related("registration__wave__programme")
        .order_by("registration_id", "number")
    )
    return [
        {
            "programme": row.registration.wave.programme.title,
            "wave": row.registration.wave.number,
            "number": row.number,
            "amount": row.amount,
            "due_on": row.due_on,
            "status": row.status,
            "status_label": str(row.get_status_display()),
            "reference": row.gateway_reference if row.status == "confirmed" else "",
            "confirmed_at": row.confirmed_at,
        }
        for row in rows
    ]


@certificates_router.get(
    "/verify",
    auth=None,
    operation_id="certificate_verify",
    summary="Check a training certificate by QR token (or its URL) or number",
    response={200: CertificateOut},
)
def certificate_verify(request, q: str = ""):
    return services_running.certificate_check(q[:2000]).__dict__
