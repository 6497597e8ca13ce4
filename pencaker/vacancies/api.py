"""Vacancies API, mounted at /api/v1/vacancies.

Public (no token): ``vacancy_list_public``, ``vacancy_get_public``. Employer (an employer
account's token): ``vacancy_create``, ``vacancy_update``, ``vacancy_submit``,
``vacancy_close``, ``employer_vacancy_applications``, ``employer_application_update``,
``employer_hire_report`` (a hire made outside Pencaker: card number + birth date; the
holder confirms it on their card page).
Job seeker: ``vacancy_apply`` (send an ``Idempotency-Key`` header: a retry returns the
first application), ``vacancy_application_withdraw``, ``seeker_vacancy_applications``.
Staff (token of an operator or admin dinas): ``operator_vacancy_queue``,
``operator_vacancy_decide``.

Errors answer ``{"code", "message", "details"}``; field errors are ``details.fields``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from pencaker.accounts.api_auth import TokenAuth
from pencaker.accounts.permissions import can_decide
from pencaker.core.audit import client_ip
from pencaker.core.errors import PermissionDenied
from pencaker.core.links import absolute_url
from pencaker.vacancies import hire_reports, selectors, services, sla
from pencaker.vacancies.errors import VacancyErrorCode as E
from pencaker.vacancies.models import Vacancy, VacancyApplication

router = Router(tags=["vacancies"], auth=TokenAuth())
PAGE_SIZE = 50
MAX_PAGE = 10_000


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, Any] = {}


class VacancyOut(Schema):
    id: int
    title: str
    description: str
    organisation: str
    organisation_verified: bool
    occupation: str
    occupation_title: str
    sector: str | None
    openings: int
    min_education: str
    majors: list[str]
    skills: list[str]
    min_experience_years: int
    location: str | None
    location_name: str
    is_remote: bool
    employment_type: str
    salary_min: int | None
    salary_max: int | None
    salary_by_agreement: bool
    hours: str
    benefits: str
    disability_friendly: bool
    accommodations: str
    closing_date: dt.date
    apply_method: str
    apply_address: str
    ak1_required: bool
    age_min: int | None
    age_max: int | None
    sex_limit: str
    limits_reason: str
    published_at: dt.datetime | None
    url: str


class EmployerVacancyOut(VacancyOut):
    status: str
    close_reason: str
    due_at: dt.datetime | None
    return_items: list[dict[str, str]]


class VacancyIn(Schema):
    title: str | None = Field(None, max_length=150)
    description: str | None = Field(None, max_length=10000)
    occupation: str | None = Field(None, max_length=8, description="KBJI 2014 code")
    sector: str | None = Field(None, max_length=5, description="KBLI 2020 code")
    openings: int | None = None
    min_education: str | None = Field(None, max_length=3)
    majors: list[str] | None = Field(None, max_length=30)
    skills: list[str] | None = Field(None, max_length=30)
    min_experience_years: int | None = None
    location: str | None = Field(None, max_length=13, description="kabupaten/kota code")
    is_remote: bool | None = None
    employment_type: str | None = Field(None, max_length=12)
    salary_min: int | None = None
    salary_max: int | None = None
    salary_by_agreement: bool | None = None
    hours: str | None = Field(None, max_length=150)
    benefits: str | None = Field(None, max_length=5000)
    disability_friendly: bool | None = None
    accommodations: str | None = Field(None, max_length=5000)
    closing_date: dt.date | None = None
    apply_method: str | None = Field(None, max_length=10)
    apply_address: str | None = Field(None, max_length=300)
    ak1_required: bool | None = None
    age_min: int | None = None
    age_max: int | None = None
    sex_limit: str | None = Field(None, max_length=1)
    limits_reason: str | None = Field(None, max_length=2000)


class CloseIn(Schema):
    reason: str = Field("withdrawn", description="withdrawn or filled")
    note: str = Field("", max_length=2000)


class ApplyIn(Schema):
    documents: list[int] = Field([], max_length=20, description="ids of documents to share")
    cover_note: str = Field("", max_length=2000)


class StatusChangeOut(Schema):
    status: str
    at: dt.datetime
    note: str


class ApplicationOut(Schema):
    id: int
    vacancy_id: int
    vacancy_title: str
    organisation: str
    status: str
    status_label: str
    applied_at: dt.datetime
    interview_at: dt.datetime | None
    interview_place: str
    history: list[StatusChangeOut]


class EmployerApplicationOut(ApplicationOut):
    snapshot: dict[str, Any]
    cover_note: str
    notes: list[dict[str, Any]]


class ApplicationUpdateIn(Schema):
    to: str = Field("", max_length=12)
    message: str = Field("", max_length=2000)
    interview_at: dt.datetime | None = None
    interview_place: str = Field("", max_length=300)
    start_date: dt.date | None = None
    position: str = Field("", max_length=150)
    note: str = Field("", max_length=2000)


class QueueItemOut(Schema):
    id: int
    title: str
    organisation: str
    submitted_at: dt.datetime | None
    due_at: dt.datetime | None
    remaining_hours: float | None
    overdue: bool
    has_limits: bool


class ReturnItemIn(Schema):
    field: str = Field(..., max_length=20)
    text: str = Field(..., max_length=500)


class DecideIn(Schema):
    decision: str = Field(..., description="publish or return")
    note: str = Field("", max_length=2000)
    items: list[ReturnItemIn] = Field([], max_length=20, description="for return")


def _vacancy_out(v: Vacancy) -> dict[str, Any]:
    return {
        "id": v.pk,
        "title": v.title,
        "description": v.description,
        "organisation": v.organisation.legal_name,
        "organisation_verified": v.organisation.is_verified,
        "occupation": v.occupation_id,
        "occupation_title": v.occupation.title,
        "sector": v.sector_id,
        "openings": v.openings,
        "min_education": v.min_education,
        "majors": v.majors,
        "skills": v.skills,
        "min_experience_years": v.min_experience_years,
        "location": v.location_id and v.location.code,
        "location_name": v.location.name if v.location else "",
        "is_remote": v.is_remote,
        "employment_type": v.employment_type,
        "salary_min": v.salary_min,
        "salary_max": v.salary_max,
        "salary_by_agreement": v.salary_by_agreement,
        "hours": v.hours,
        "benefits": v.benefits,
        "disability_friendly": v.disability_friendly,
        "accommodations": v.accommodations,
        "closing_date": v.closing_date,
        "apply_method": v.apply_method,
        "apply_address": v.apply_address,
        "ak1_required": v.ak1_required,
        "age_min": v.age_min,
        "age_max": v.age_max,
        "sex_limit": v.sex_limit,
        "limits_reason": v.limits_reason,
        "published_at": v.published_at,
        "url": absolute_url(reverse("vacancies:detail", args=[v.pk])),
    }


def _employer_vacancy_out(v: Vacancy) -> dict[str, Any]:
    last = v.history.order_by("-id").first()
    items = (
        [
            {"field": i.field, "label": str(i.get_field_display()), "text": i.text}
            for i in last.return_items.all()
        ]
        if last is not None and v.status == "draft"
        else []
    )
    return {
        **_vacancy_out(v),
        "status": v.status,
        "close_reason": v.close_reason,
        "due_at": v.due_at,
        "return_items": items,
    }


def _application_out(a: VacancyApplication) -> dict[str, Any]:
    return {
        "id": a.pk,
        "vacancy_id": a.vacancy_id,
        "vacancy_title": a.vacancy.title,
        "organisation": a.vacancy.organisation.legal_name,
        "status": a.status,
        "status_label": str(a.get_status_display()),
        "applied_at": a.applied_at,
        "interview_at": a.interview_at,
        "interview_place": a.interview_place,
        "history": [{"status": h.to_status, "at": h.at, "note": h.note} for h in a.history.all()],
    }


def _employer_application_out(a: VacancyApplication) -> dict[str, Any]:
    return {
        **_application_out(a),
        "snapshot": a.snapshot,
        "cover_note": a.cover_note,
        "notes": [{"at": n.at.isoformat(), "text": n.text} for n in a.employer_notes.all()],
    }


@router.get(
    "/",
    auth=None,
    operation_id="vacancy_list_public",
    summary="Published vacancies, with the board's filters",
    response={200: list[VacancyOut]},
)
def vacancy_list_public(
    request,
    q: str = "",
    regency: str = "",
    group: str = "",
    education: str = "",
    employment_type: str = "",
    disability_friendly: bool = False,
    posted: str = "",
    order: str = "newest",
    page: int = 1,
):
    rows = selectors.vacancy_list_public(
        q=q[:100],
        regency=regency[:13],
        group=group[:1],
        education=education[:3],
        employment_type=employment_type[:12],
        disability_friendly=disability_friendly,
        posted=posted[:2],
        order=order,
    )
    # A page number beyond any list answers an empty page (an OFFSET past 2**63 is a
    # database error on SQLite).
    start = (max(1, min(page, MAX_PAGE)) - 1) * PAGE_SIZE
    return [_vacancy_out(v) for v in rows[start : start + PAGE_SIZE]]


@router.get(
    "/{int:vacancy_id}",
    auth=None,
    operation_id="vacancy_get_public",
    summary="One published vacancy",
    response={200: VacancyOut, 404: ErrorOut},
)
def vacancy_get_public(request, vacancy_id: int):
    vacancy = selectors.vacancy_get_public(vacancy_id)
    if vacancy is None:
        raise services.vacancy_not_found()
    return _vacancy_out(vacancy)


@router.post(
    "/mine",
    operation_id="vacancy_create",
    summary="A new draft vacancy of the caller's organisation",
    response={201: EmployerVacancyOut, 400: ErrorOut, 403: ErrorOut},
)
def vacancy_create(request, payload: VacancyIn):
    vacancy = services.vacancy_create(
        actor=request.auth, ip_address=client_ip(request), **payload.dict(exclude_none=True)
    )
    return Status(201, _employer_vacancy_out(vacancy))


@router.patch(
    "/mine/{int:vacancy_id}",
    operation_id="vacancy_update",
    summary="Change a draft (only the fields sent change)",
    response={200: EmployerVacancyOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def vacancy_update(request, vacancy_id: int, payload: VacancyIn):
    vacancy = services.vacancy_update(
        actor=request.auth,
        vacancy_id=vacancy_id,
        ip_address=client_ip(request),
        **payload.dict(exclude_none=True),
    )
    return _employer_vacancy_out(vacancy)


@router.post(
    "/mine/{int:vacancy_id}/submit",
    operation_id="vacancy_submit",
    summary="Send a draft to the office for review (verified organisations only)",
    response={200: EmployerVacancyOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def vacancy_submit(request, vacancy_id: int):
    vacancy = services.vacancy_submit(
        actor=request.auth, vacancy_id=vacancy_id, ip_address=client_ip(request)
    )
    return _employer_vacancy_out(vacancy)


@router.post(
    "/mine/{int:vacancy_id}/close",
    operation_id="vacancy_close",
    summary="Close the caller's vacancy (withdrawn, or filled outside Pencaker)",
    response={200: EmployerVacancyOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def vacancy_close(request, vacancy_id: int, payload: CloseIn):
    vacancy = services.vacancy_close(
        actor=request.auth, vacancy_id=vacancy_id, reason=payload.reason, note=payload.note
    )
    return _employer_vacancy_out(vacancy)


@router.get(
    "/mine/{int:vacancy_id}/applications",
    operation_id="employer_vacancy_applications",
    summary="The applicants of one of the caller's vacancies (their frozen snapshots)",
    response={200: list[EmployerApplicationOut], 404: ErrorOut},
)
def employer_vacancy_applications(request, vacancy_id: int, status: str = ""):
    if selectors.vacancy_of_employer(request.auth, vacancy_id) is None:
        raise services.vacancy_not_found()
    rows = selectors.applications_for_employer(request.auth, vacancy_id, status=status)
    rows = rows.select_related("vacancy", "vacancy__organisation").prefetch_related(
        "history", "employer_notes"
    )
    return [_employer_application_out(a) for a in rows]


@router.patch(
    "/applications/{int:application_id}",
    operation_id="employer_application_update",
    summary="Move an applicant on (message through email) and/or add a private note",
    response={
        200: EmployerApplicationOut,
        400: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
    },
)
def employer_application_update(request, application_id: int, payload: ApplicationUpdateIn):
    application = services.employer_application_update(
        actor=request.auth,
        application_id=application_id,
        ip_address=client_ip(request),
        **payload.dict(),
    )
    return _employer_application_out(application)


@router.post(
    "/{int:vacancy_id}/applications",
    operation_id="vacancy_apply",
    summary="Apply with the profile (send an Idempotency-Key header)",
    response={
        200: ApplicationOut,
        201: ApplicationOut,
        400: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
    },
)
def vacancy_apply(request, vacancy_id: int, payload: ApplyIn):
    application, created = services.vacancy_apply(
        actor=request.auth,
        vacancy_id=vacancy_id,
        idempotency_key=request.headers.get("Idempotency-Key", ""),
        document_ids=payload.documents,
        cover_note=payload.cover_note,
        ip_address=client_ip(request),
    )
    return Status(201 if created else 200, _application_out(application))


@router.post(
    "/applications/{int:application_id}/withdraw",
    operation_id="vacancy_application_withdraw",
    summary="The seeker withdraws an application",
    response={200: ApplicationOut, 404: ErrorOut, 409: ErrorOut},
)
def vacancy_application_withdraw(request, application_id: int):
    application = services.vacancy_application_withdraw(
        actor=request.auth, application_id=application_id, ip_address=client_ip(request)
    )
    return _application_out(application)


@router.get(
    "/applications/mine",
    operation_id="seeker_vacancy_applications",
    summary="The caller's applications, every status with its date",
    response={200: list[ApplicationOut]},
)
def seeker_vacancy_applications(request):
    return [_application_out(a) for a in selectors.applications_of_seeker(request.auth)]


@router.get(
    "/review/queue",
    operation_id="operator_vacancy_queue",
    summary="Vacancies of the caller's office awaiting review, soonest deadline first",
    response={200: list[QueueItemOut], 403: ErrorOut},
)
def operator_vacancy_queue(request):
    if not can_decide(request.auth):
        raise PermissionDenied(E.FORBIDDEN, _("Only office operators can do this."))
    rows = []
    for vacancy in selectors.vacancy_queue_for_office(request.auth)[:200]:
        state = sla.sla_state(vacancy)
        rows.append(
            {
                "id": vacancy.pk,
                "title": vacancy.title,
                "organisation": vacancy.organisation.legal_name,
                "submitted_at": vacancy.submitted_at,
                "due_at": vacancy.due_at,
                "remaining_hours": state.remaining_hours,
                "overdue": state.overdue,
                "has_limits": vacancy.has_limits,
            }
        )
    return rows


@router.post(
    "/review/{int:vacancy_id}/decision",
    operation_id="operator_vacancy_decide",
    summary="Publish a submitted vacancy or return it with what to fix per field",
    response={200: EmployerVacancyOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def operator_vacancy_decide(request, vacancy_id: int, payload: DecideIn):
    vacancy = services.vacancy_decide(
        actor=request.auth,
        vacancy_id=vacancy_id,
        decision=payload.decision,
        items=[services.ReturnItemInput(i.field, i.text) for i in payload.items],
        note=payload.note,
        ip_address=client_ip(request),
    )
    return _employer_vacancy_out(vacancy)


class HireReportIn(Schema):
    card_number: str = Field(..., max_length=30)
    birth_date: dt.date
    position: str = Field(..., max_length=150)
    start_date: dt.date
    employment_type: str


class HireReportOut(Schema):
    id: int
    card_number: str
    position: str
    start_date: dt.date
    employment_type: str
    status: str
    created_at: dt.datetime


@router.post(
    "/hire-reports",
    operation_id="employer_hire_report",
    summary="Report the hire of an AK/1 holder who did not apply here (the holder confirms)",
    response={201: HireReportOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def employer_hire_report(request, payload: HireReportIn):
    report = hire_reports.hire_report_create(
        actor=request.auth,
        today=timezone.localdate(),
        ip_address=client_ip(request),
        **payload.dict(),
    )
    return Status(
        201,
        HireReportOut(
            id=report.pk,
            card_number=report.card_number,
            position=report.position,
            start_date=report.start_date,
            employment_type=report.employment_type,
            status=report.status,
            created_at=report.created_at,
        ),
    )
