"""Training API, mounted at /api/v1/training.

Public (no token): ``training_list_public``, ``training_get_public`` (a programme with its
waves), ``training_draw_public`` (a wave's draw record, the same JSON as ``undian.json``).
Job seeker: ``training_eligibility`` (every rule of a wave's programme, met or not, and
why), ``training_register`` (send an ``Idempotency-Key`` header: a retry returns the first
registration), ``training_withdraw``, ``training_confirm``.

Errors answer ``{"code", "message", "details"}``; field errors are ``details.fields``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from ninja import Router, Schema, Status

from pencaker.accounts.api_auth import TokenAuth
from pencaker.core.audit import client_ip
from pencaker.core.links import absolute_url
from pencaker.training import eligibility, selectors, services
from pencaker.training.models import Programme, Registration, Wave

router = Router(tags=["training"], auth=TokenAuth())


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, Any] = {}


class SessionOut(Schema):
    date: dt.date
    start_time: dt.time
    end_time: dt.time
    place: str
    topic: str


class WaveOut(Schema):
    id: int
    number: int
    status: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    starts_on: dt.date | None
    ends_on: dt.date | None
    quota: int
    priority_quota: int
    method: str
    confirm_days: int
    commitment: str
    sessions: list[SessionOut]
    url: str
    draw_url: str | None


class ProgrammeOut(Schema):
    id: int
    title: str
    description: str
    competence_code: str
    competence_text: str
    provider_kind: str
    provider_name: str
    mode: str
    place: str
    has_certificate: bool
    has_allowance: bool
    benefits: str
    required_documents: list[str]
    contact_name: str
    contact_phone: str
    contact_email: str
    rules: list[str]
    priority_groups: list[str]
    office: str
    waves: list[WaveOut]
    url: str


class RuleOut(Schema):
    code: str
    label: str
    state: str
    message: str


class EligibilityOut(Schema):
    wave: int
    eligible: bool
    needs_declaration: bool
    rules: list[RuleOut]
    priority_groups: list[str]


class RegisterIn(Schema):
    declared: bool = False
    priority_group: str = ""
    priority_document: int | None = None
    motivation: str = ""


class RegistrationOut(Schema):
    id: int
    wave: int
    public_id: str
    status: str
    priority: bool
    priority_group: str
    rank: int | None
    registered_at: dt.datetime
    confirm_by: dt.datetime | None
    confirmed_at: dt.datetime | None


class DrawOut(Schema):
    quota: int
    priority_quota: int
    commitment: str
    seed: str | None
    registrants: list[dict[str, Any]]
    selected: list[str]
    waiting: list[str]


def _wave_out(wave: Wave) -> dict[str, Any]:
    return {
        "id": wave.pk,
        "number": wave.number,
        "status": wave.status,
        "opens_at": wave.opens_at,
        "closes_at": wave.closes_at,
        "starts_on": wave.starts_on,
        "ends_on": wave.ends_on,
        "quota": wave.quota,
        "priority_quota": wave.priority_quota,
        "method": wave.method,
        "confirm_days": wave.confirm_days,
        "commitment": wave.commitment,
        "sessions": list(wave.sessions.all()),
        "url": absolute_url(reverse("training:wave", args=[wave.pk])),
        "draw_url": absolute_url(reverse("training:draw_json", args=[wave.pk]))
        if wave.method == "lottery" and wave.closed_at
        else None,
    }


def _programme_out(programme: Programme) -> dict[str, Any]:
    return {
        **{
            name: getattr(programme, name)
            for name in (
                "title",
                "description",
                "competence_code",
                "competence_text",
                "provider_kind",
                "provider_name",
                "mode",
                "place",
                "has_certificate",
                "has_allowance",
                "benefits",
                "contact_name",
                "contact_phone",
                "contact_email",
            )
        },
        "id": programme.pk,
        "required_documents": list(programme.required_documents or []),
        "rules": eligibility.programme_rules(programme),
        "priority_groups": list(programme.priority_groups or []),
        "office": programme.office.name,
        "waves": [_wave_out(w) for w in programme.public_waves],
        "url": absolute_url(reverse("training:detail", args=[programme.pk])),
    }


def _registration_out(registration: Registration) -> dict[str, Any]:
    return {
        "id": registration.pk,
        "wave": registration.wave_id,
        "public_id": registration.public_id,
        "status": registration.status,
        "priority": registration.priority,
        "priority_group": registration.priority_group,
        "rank": registration.rank,
        "registered_at": registration.registered_at,
        "confirm_by": registration.confirm_by,
        "confirmed_at": registration.confirmed_at,
    }


@router.get(
    "/",
    auth=None,
    operation_id="training_list_public",
    summary="Published training programmes with their announced waves",
    response={200: list[ProgrammeOut]},
)
def training_list_public(request):
    return [_programme_out(p) for p in selectors.programmes_public()[:200]]


@router.get(
    "/{int:programme_id}",
    auth=None,
    operation_id="training_get_public",
    summary="One published training programme",
    response={200: ProgrammeOut, 404: ErrorOut},
)
def training_get_public(request, programme_id: int):
    programme = selectors.programme_public(programme_id)
    if programme is None:
        raise services.programme_not_found()
    return _programme_out(programme)


@router.get(
    "/waves/{int:wave_id}/draw",
    auth=None,
    operation_id="training_draw_public",
    summary="The wave's public draw record (as undian.json)",
    response={200: DrawOut, 404: ErrorOut},
)
def training_draw_public(request, wave_id: int):
    wave = selectors.draw_wave_public(wave_id)
    if wave is None:
        raise services.wave_not_found()
    return services.draw_record_of(wave)


@router.get(
    "/waves/{int:wave_id}/eligibility",
    operation_id="training_eligibility",
    summary="Every eligibility rule of the wave's programme for the caller, met or not, and why",
    response={200: EligibilityOut, 404: ErrorOut},
)
def training_eligibility(request, wave_id: int):
    wave = selectors.wave_public(wave_id)
    if wave is None or wave.programme.status != "published":
        raise services.wave_not_found()
    facts = eligibility.facts_for(request.auth, wave.programme)
    results = eligibility.evaluate(wave.programme, facts)
    return {
        "wave": wave.pk,
        "eligible": facts.has_profile and eligibility.all_met_or_declarable(results),
        "needs_declaration": eligibility.needs_declaration(wave.programme),
        "rules": [r.as_dict() for r in results],
        "priority_groups": [
            c for c, _label in eligibility.priority_groups_open(wave.programme, facts)
        ],
    }


@router.post(
    "/waves/{int:wave_id}/registrations",
    operation_id="training_register",
    summary="Register with the profile (send an Idempotency-Key header)",
    response={
        200: RegistrationOut,
        201: RegistrationOut,
        400: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
    },
)
def training_register(request, wave_id: int, payload: RegisterIn):
    registration, created = services.registration_create(
        actor=request.auth,
        wave_id=wave_id,
        declared=payload.declared,
        priority_group=payload.priority_group,
        priority_document_id=payload.priority_document,
        motivation=payload.motivation,
        idempotency_key=request.headers.get("Idempotency-Key", ""),
        ip_address=client_ip(request),
    )
    return Status(201 if created else 200, _registration_out(registration))


@router.post(
    "/registrations/{int:registration_id}/withdraw",
    operation_id="training_withdraw",
    summary="Withdraw a registration (before registration closes) or give up a place",
    response={200: RegistrationOut, 404: ErrorOut, 409: ErrorOut},
)
def training_withdraw(request, registration_id: int):
    registration = services.registration_withdraw(
        actor=request.auth, registration_id=registration_id, ip_address=client_ip(request)
    )
    return _registration_out(registration)


@router.post(
    "/registrations/{int:registration_id}/confirm",
    operation_id="training_confirm",
    summary="Confirm a place offered by the selection (before its deadline)",
    response={200: RegistrationOut, 404: ErrorOut, 409: ErrorOut},
)
def training_confirm(request, registration_id: int):
    registration = services.registration_confirm(
        actor=request.auth, registration_id=registration_id, ip_address=client_ip(request)
    )
    return _registration_out(registration)
