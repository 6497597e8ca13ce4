"""Profile API, mounted at /api/v1/profile (operationIds: profile_get, profile_update).

``profile_update`` is a partial update of identity, contact and address: only the fields
sent change, with the same rules and Indonesian messages as the pages. It is all or
nothing: a refusal in one section saves nothing in the others.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from pencaker.accounts.api_auth import TokenAuth
from pencaker.accounts.models import Role, User
from pencaker.core.error_schema import ErrorOut
from pencaker.core.errors import PermissionDenied
from pencaker.seekers import selectors, services
from pencaker.seekers.errors import SeekerErrorCode
from pencaker.seekers.models import JobSeekerProfile

router = Router(tags=["profile"], auth=TokenAuth())


class MissingOut(Schema):
    code: str
    label: str
    url: str


class CompletenessOut(Schema):
    is_complete: bool
    missing: list[MissingOut]


class EducationOut(Schema):
    id: int
    level: str
    institution: str
    major: str
    graduation_year: int


class TrainingOut(Schema):
    id: int
    name: str
    organizer: str
    year: int
    certificate_number: str


class ExperienceOut(Schema):
    id: int
    employer: str
    position: str
    start_date: date
    end_date: date | None
    description: str


class LanguageOut(Schema):
    language: str
    level: str


class ProfileOut(Schema):
    nik: str
    full_name: str
    birth_place: str
    birth_date: date | None
    sex: str
    marital_status: str
    religion: str
    email: str
    email_verified: bool
    phone: str
    address_line: str
    rt: str
    rw: str
    village_code: str | None
    village_name: str | None
    postal_code: str
    office_code: str | None
    office_name: str | None
    preferred_occupation: str
    preferred_locations: str
    willing_to_relocate: bool
    expected_salary: int | None
    has_disability: bool | None
    disability_details: str
    education: list[EducationOut]
    training: list[TrainingOut]
    work_experience: list[ExperienceOut]
    skills: list[str]
    languages: list[LanguageOut]
    completeness: CompletenessOut
    updated_at: datetime


class ProfileUpdateIn(Schema):
    """Send only what changes; an empty string clears a field."""

    nik: str | None = None
    full_name: str | None = None
    birth_place: str | None = None
    birth_date: str | None = None  # YYYY-MM-DD; parsed here so mistakes get a clear message
    sex: str | None = None  # "M" or "F"
    marital_status: str | None = None
    religion: str | None = None
    phone: str | None = None
    address_line: str | None = None
    rt: str | None = None
    rw: str | None = None
    village_code: str | None = None
    postal_code: str | None = None


def _seeker_profile(user: User) -> JobSeekerProfile:
    if user.role != Role.JOB_SEEKER:
        raise PermissionDenied(
            SeekerErrorCode.NOT_JOB_SEEKER, _("Only job seekers have a profile.")
        )
    return services.profile_ensure(user=user)


def _profile_out(user: User) -> dict[str, Any]:
    profile = selectors.profile_for_user(user)
    assert profile is not None
    completeness = selectors.profile_completeness(user)
    return {
        **{f: getattr(profile, f) for f in services.IDENTITY_FIELDS},
        "email": user.email or "",  # phone-only accounts have none
        "email_verified": bool(user.email_verified_at),
        "phone": user.phone,
        "address_line": profile.address_line,
        "rt": profile.rt,
        "rw": profile.rw,
        "village_code": profile.village_id,
        "village_name": profile.village.name if profile.village else None,
        "postal_code": profile.postal_code,
        "office_code": profile.office.code if profile.office else None,
        "office_name": profile.office.name if profile.office else None,
        **{f: getattr(profile, f) for f in services.PREFERENCE_FIELDS},
        **{f: getattr(profile, f) for f in services.DISABILITY_FIELDS},
        "education": list(profile.education.all()),
        "training": list(profile.training.all()),
        "work_experience": list(profile.experience.all()),
        "skills": [s.name for s in profile.skills.all()],
        "languages": list(profile.languages.all()),
        "completeness": {
            "is_complete": completeness.is_complete,
            "missing": [vars(item) for item in completeness.missing],
        },
        "updated_at": profile.updated_at,
    }


@router.get(
    "",
    operation_id="profile_get",
    summary="The signed-in job seeker's profile and what is still missing",
    response={200: ProfileOut, 403: ErrorOut},
)
def profile_get(request):
    _seeker_profile(request.auth)
    return Status(200, _profile_out(request.auth))


@router.patch(
    "",
    operation_id="profile_update",
    summary="Change identity, contact or address fields (only those sent)",
    response={200: ProfileOut, 400: ErrorOut, 403: ErrorOut, 409: ErrorOut},
)
def profile_update(request, payload: ProfileUpdateIn):
    profile = _seeker_profile(request.auth)
    changes = {k: ("" if v is None else v) for k, v in payload.dict(exclude_unset=True).items()}
    services.profile_update_partial(actor=request.auth, profile=profile, changes=changes)
    request.auth.refresh_from_db()
    return Status(200, _profile_out(request.auth))
