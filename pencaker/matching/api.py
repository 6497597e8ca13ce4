"""Matching API, mounted at /api/v1/matching.

Job seeker: ``seeker_vacancy_recommendations`` (ranked, with reasons; the board's filters),
``alert_settings_update`` (the two switches, off by default), ``seeker_invitations``,
``seeker_invitation_respond`` (accept → apply with ``vacancy_apply``; or decline).
Employer: ``vacancy_candidates`` (discoverable seekers only, no name or contact until they
apply or accept), ``vacancy_candidate_invite`` (at most 20 a day per organisation).
Deciding staff of the vacancy's office may read ``vacancy_candidates`` too.

Errors answer ``{"code", "message", "details"}``; field errors are ``details.fields``.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from pencaker.accounts.api_auth import TokenAuth
from pencaker.accounts.models import Role
from pencaker.core.audit import client_ip
from pencaker.core.errors import NotFound, PermissionDenied
from pencaker.core.links import absolute_url
from pencaker.matching import selectors, services
from pencaker.matching.errors import MatchingErrorCode as E
from pencaker.matching.scoring import Match
from pencaker.vacancies.selectors import ORDERS

router = Router(tags=["matching"], auth=TokenAuth())


class ErrorOut(Schema):
    code: str
    message: str
    details: dict = {}


class MatchOut(Schema):
    score: int
    reasons: list[str]
    missing: list[str]
    parts: dict[str, int]


class RecommendationOut(Schema):
    vacancy_id: int
    title: str
    organisation: str
    location_name: str
    is_remote: bool
    closing_date: dt.date
    url: str
    match: MatchOut


class CandidateOut(Schema):
    candidate_id: int
    match: MatchOut
    education: str
    major: str
    skills: list[str]
    experience_years: int
    kecamatan: str
    regency: str
    invitation: str = Field(description="pending, accepted, declined or empty")
    name: str = Field(description="only once the seeker applied or accepted an invitation")
    email: str
    phone: str


class InviteIn(Schema):
    message: str = Field("", max_length=500)


class InvitationOut(Schema):
    id: int
    vacancy_id: int
    vacancy_title: str
    organisation: str
    status: str
    message: str
    created_at: dt.datetime
    apply_url: str


class RespondIn(Schema):
    decision: str = Field(..., max_length=10, description="accept or decline")


class SettingsIn(Schema):
    discoverable: bool | None = None
    alerts_enabled: bool | None = None


class SettingsOut(Schema):
    discoverable: bool
    alerts_enabled: bool


def _match(match: Match) -> dict:
    return {
        "score": match.score,
        "reasons": list(match.reasons),
        "missing": list(match.missing),
        "parts": dict(match.parts),
    }


def _seeker(request) -> None:
    if getattr(request.auth, "role", None) != Role.JOB_SEEKER:
        raise PermissionDenied(E.NOT_JOB_SEEKER, _("Only job seekers can do this."))


def _invitation_out(invitation) -> dict:
    return {
        "id": invitation.pk,
        "vacancy_id": invitation.vacancy_id,
        "vacancy_title": invitation.vacancy.title,
        "organisation": invitation.organisation.legal_name,
        "status": invitation.status,
        "message": invitation.message,
        "created_at": invitation.created_at,
        "apply_url": absolute_url(reverse("vacancies:apply", args=[invitation.vacancy_id])),
    }


@router.get(
    "/recommendations",
    operation_id="seeker_vacancy_recommendations",
    summary="Open vacancies ranked by fit to the caller's profile, with reasons",
    response={200: list[RecommendationOut], 403: ErrorOut},
)
def seeker_vacancy_recommendations(
    request,
    q: str = "",
    kabkota: str = "",
    golongan: str = "",
    jenis: str = "",
    disabilitas: bool = False,
    tayang: str = "",
    urut: str = "newest",
    limit: int = 50,
):
    _seeker(request)
    limit = min(max(limit, 1), 100)
    row = services.match_profile_current(request.auth)
    filters = {
        "q": q.strip()[:100],
        "regency": kabkota.strip()[:13],
        "group": golongan.strip()[:1],
        "employment_type": jenis.strip()[:12],
        "disability_friendly": disabilitas,
        "posted": tayang.strip()[:2],
        "order": urut if urut in ORDERS else "newest",
    }
    items = selectors.recommendations_for_seeker(request.auth, row, filters=filters)[:limit]
    return [
        {
            "vacancy_id": r.vacancy.pk,
            "title": r.vacancy.title,
            "organisation": r.vacancy.organisation.legal_name,
            "location_name": getattr(r.vacancy.location, "name", ""),
            "is_remote": r.vacancy.is_remote,
            "closing_date": r.vacancy.closing_date,
            "url": absolute_url(reverse("vacancies:detail", args=[r.vacancy.pk])),
            "match": _match(r.match),
        }
        for r in items
    ]


@router.get(
    "/vacancies/{int:vacancy_id}/candidates",
    operation_id="vacancy_candidates",
    summary="Discoverable job seekers ranked for one vacancy (the employer's own, or staff)",
    response={200: list[CandidateOut], 403: ErrorOut, 404: ErrorOut},
)
def vacancy_candidates(request, vacancy_id: int, limit: int = 50):
    limit = min(max(limit, 1), 100)
    if request.auth.role == Role.EMPLOYER:
        vacancy, candidates = selectors.candidates_for_employer(
            request.auth, vacancy_id, limit=limit
        )
    else:
        vacancy, candidates = selectors.candidates_for_staff(request.auth, vacancy_id, limit=limit)
    if vacancy is None:
        raise NotFound(E.VACANCY_NOT_FOUND, _("Vacancy not found."))
    return [
        {
            "candidate_id": c.id,
            "match": _match(c.match),
            "education": c.education,
            "major": c.major,
            "skills": list(c.skills),
            "experience_years": c.experience_years,
            "kecamatan": c.kecamatan,
            "regency": c.regency,
            "invitation": c.invitation,
            "name": c.name,
            "email": c.email,
            "phone": c.phone,
        }
        for c in candidates
    ]


@router.post(
    "/vacancies/{int:vacancy_id}/candidates/{int:candidate_id}/invite",
    operation_id="vacancy_candidate_invite",
    summary="Invite a candidate to apply (at most 20 invitations a day per organisation)",
    response={201: InvitationOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def vacancy_candidate_invite(request, vacancy_id: int, candidate_id: int, payload: InviteIn):
    invitation = services.invitation_send(
        actor=request.auth,
        vacancy_id=vacancy_id,
        candidate_id=candidate_id,
        message=payload.message,
        ip_address=client_ip(request),
    )
    return Status(201, _invitation_out(invitation))


@router.get(
    "/invitations",
    operation_id="seeker_invitations",
    summary="The caller's invitations to apply, newest first",
    response={200: list[InvitationOut], 403: ErrorOut},
)
def seeker_invitations(request):
    _seeker(request)
    return [_invitation_out(i) for i in selectors.invitations_of_seeker(request.auth)[:200]]


@router.post(
    "/invitations/{int:invitation_id}/respond",
    operation_id="seeker_invitation_respond",
    summary="Accept (then apply with vacancy_apply) or decline an invitation",
    response={200: InvitationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def seeker_invitation_respond(request, invitation_id: int, payload: RespondIn):
    invitation = services.invitation_respond(
        actor=request.auth,
        invitation_id=invitation_id,
        decision=payload.decision,
        ip_address=client_ip(request),
    )
    return _invitation_out(invitation)


@router.patch(
    "/settings",
    operation_id="alert_settings_update",
    summary="Switch being found by employers and vacancy alerts on or off (both off by default)",
    response={200: SettingsOut, 403: ErrorOut},
)
def alert_settings_update(request, payload: SettingsIn):
    row = services.matching_settings_update(
        actor=request.auth, ip_address=client_ip(request), **payload.dict()
    )
    return {"discoverable": row.discoverable, "alerts_enabled": row.alerts_enabled}
