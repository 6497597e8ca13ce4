"""Reads for the job-seeker profile, including office filtering for staff."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from pencaker.accounts.models import User
from pencaker.offices.models import Office
from pencaker.seekers.choices import Section
from pencaker.seekers.models import (
    JobSeekerProfile,
    NikConflict,
    ProfileChange,
)

#: Identity fields a complete profile needs, in the order of the form.
REQUIRED_IDENTITY_FIELDS = (
    "nik",
    "full_name",
    "birth_place",
    "birth_date",
    "sex",
    "marital_status",
    "religion",
)
REQUIRED_ADDRESS_FIELDS = ("address_line", "village")


def profile_for_user(user: User) -> JobSeekerProfile | None:
    """The user's profile, or None if they have not started one."""
    if user is None or not getattr(user, "pk", None):
        return None
    return JobSeekerProfile.objects.select_related("office", "village").filter(user=user).first()


def seeker_office_id(user: User) -> int | None:
    """The id of the office serving where the job seeker lives, or None while unknown."""
    if user is None or not getattr(user, "pk", None):
        return None
    return JobSeekerProfile.objects.filter(user=user).values_list("office_id", flat=True).first()


# --- completeness ---------------------------------------------------------------------


@dataclass(frozen=True)
class MissingItem:
    code: str
    label: str
    url: str


@dataclass(frozen=True)
class Completeness:
    missing: list[MissingItem] = field(default_factory=list)

    @property
    def is_complete(self) -> bool:
        return not self.missing


def _first_url(names: list[tuple[str, dict[str, Any]]], fallback: str) -> str:
    for name, kwargs in names:
        try:
            return reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            continue
    return fallback


def _document_kinds_missing(user: User, office: Office | None) -> list[Any]:
    """Ask the documents app; imported at call time (documents depends on seekers too)."""
    from pencaker.documents import selectors as document_selectors

    return list(document_selectors.document_kinds_missing(user=user, office=office))


def _document_item(kind: Any) -> MissingItem:
    code = str(getattr(kind, "value", None) or getattr(kind, "code", None) or kind)
    label = getattr(kind, "label", None)
    if label is None:
        try:
            from pencaker.documents.choices import DocumentKind

            label = DocumentKind(code).label
        except (ImportError, ValueError):
            label = code
    fallback = _first_url([("documents:list", {}), ("documents:index", {})], "#")
    url = _first_url(
        [("documents:upload", {"kind": code}), ("documents:list", {}), ("documents:index", {})],
        fallback,
    )
    return MissingItem(
        code=f"document.{code}",
        label=_("Document: %(kind)s") % {"kind": label},
        url=url,
    )


def profile_completeness(user: User) -> Completeness:
    """Exactly what is still missing before the person can request the AK/1 card."""
    profile = profile_for_user(user)
    missing: list[MissingItem] = []
    identity_url = reverse("seekers:identity")
    for name in REQUIRED_IDENTITY_FIELDS:
        if profile is None or getattr(profile, name) in ("", None):
            label = _label(JobSeekerProfile, name)
            missing.append(
                MissingItem(
                    code=f"identity.{name}",
                    label=_("Identity: %(field)s") % {"field": label},
                    url=f"{identity_url}#id_{name}",
                )
            )
    address_url = reverse("seekers:address")
    for name in REQUIRED_ADDRESS_FIELDS:
        if profile is None or getattr(profile, name) in ("", None):
            label = _label(JobSeekerProfile, name)
            missing.append(
                MissingItem(
                    code=f"address.{name}",
                    label=_("Address: %(field)s") % {"field": label},
                    url=address_url,
                )
            )
    if profile is None or not profile.education.exists():
        missing.append(
            MissingItem(
                code="education",
                label=_("At least one education entry (your latest school)"),
                url=reverse("seekers:education"),
            )
        )
    if not getattr(user, "email_verified_at", None):
        missing.append(
            MissingItem(
                code="email_verified",
                label=_("Confirm your email address (open the link we sent you)"),
                url=_first_url(
                    [("accounts:resend_verification", {})],
                    reverse("seekers:contact"),
                ),
            )
        )
    for kind in _document_kinds_missing(user, profile.office if profile else None):
        missing.append(_document_item(kind))
    return Completeness(missing=missing)


# --- history --------------------------------------------------------------------------


_MODELS_BY_SECTION: dict[str, str] = {
    Section.IDENTITY: "jobseekerprofile",
    Section.ADDRESS: "jobseekerprofile",
    Section.PREFERENCES: "jobseekerprofile",
    Section.DISABILITY: "jobseekerprofile",
    Section.CONTACT: "user",
    Section.EDUCATION: "education",
    Section.TRAINING: "training",
    Section.EXPERIENCE: "workexperience",
    Section.SKILLS: "skill",
    Section.LANGUAGES: "languageskill",
}


@dataclass(frozen=True)
class ChangeLine:
    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryRow:
    at: Any
    actor: str
    by_owner: bool
    section: str
    action: str
    lines: list[ChangeLine]


def _model_for(section: str) -> Any:
    from django.apps import apps

    name = _MODELS_BY_SECTION.get(section, "jobseekerprofile")
    if name == "user":
        from django.contrib.auth import get_user_model

        return get_user_model()
    return apps.get_model("seekers", name)


def _display(model: Any, name: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    try:
        model_field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - unknown key in old rows: show raw
        return str(value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if name == "village":
        from pencaker.regions.models import Region

        region = Region.objects.filter(pk=value).first()
        return f"{region.name} ({value})" if region else str(value)
    return str(value)


def _label(model: Any, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001
        return name


def profile_history(profile: JobSeekerProfile) -> list[HistoryRow]:
    """The profile's change history, newest first, with field labels and shown values."""
    rows = []
    for change in ProfileChange.objects.filter(profile=profile).select_related("actor"):
        model = _model_for(change.section)
        lines = [
            ChangeLine(
                field=name,
                label=_label(model, name),
                old=_display(model, name, pair[0]),
                new=_display(model, name, pair[1]),
            )
            for name, pair in change.changes.items()
            if name != "entry"
        ]
        rows.append(
            HistoryRow(
                at=change.at,
                actor=str(change.actor) if change.actor else _("system"),
                by_owner=change.actor_id == profile.user_id,
                section=change.get_section_display(),
                action=change.get_action_display(),
                lines=lines,
            )
        )
    return rows


# --- staff ----------------------------------------------------------------------------


def seekers_for_office(*, office: Office, query: str = "") -> QuerySet[JobSeekerProfile]:
    """Job seekers living in the office's area; search by name, NIK or email."""
    qs = JobSeekerProfile.objects.filter(office=office).select_related("user", "village")
    query = (query or "").strip()
    if query:
        qs = qs.filter(
            Q(full_name__icontains=query)
            | Q(nik__startswith=query.replace(" ", ""))
            | Q(user__email__icontains=query)
        )
    return qs.order_by("full_name", "pk")


def seeker_for_staff(*, staff: User, profile_id: int) -> JobSeekerProfile:
    """One profile of the staff member's office; 404 for any other office's."""
    if not staff.office_id:
        raise Http404
    profile = (
        JobSeekerProfile.objects.filter(pk=profile_id, office_id=staff.office_id)
        .select_related("user", "village", "village__parent", "office")
        .first()
    )
    if profile is None:
        raise Http404
    return profile


def nik_conflicts_for_office(*, office: Office) -> QuerySet[NikConflict]:
    return (
        NikConflict.objects.filter(Q(office=office) | Q(attempted_office=office))
        .select_related(
            "attempted_by",
            "existing_profile",
            "existing_profile__user",
            "office",
            "attempted_office",
        )
        .order_by("-at", "-id")
    )


# --- data download --------------------------------------------------------------------


def _iso(value: Any) -> Any:
    return value.isoformat() if value is not None else None


def _documents_metadata(user: User, office: Office | None) -> dict[str, Any] | None:
    """Document details (never the files) through the documents app's selectors."""
    try:
        from pencaker.documents import selectors as document_selectors
    except ImportError:
        return None
    export = getattr(document_selectors, "documents_export_for_user", None)
    if export is not None:
        return export(user=user)
    files = []
    for row in document_selectors.document_overview_for(user=user, office=office):
        if row.document is None:
            continue
        versions = [row.current] if row.current else []
        versions += list(row.older_versions)
        files.append(
            {
                "kind": row.kind,
                "label": str(row.label),
                "required": row.required,
                "versions": [
                    {
                        "number": v.number,
                        "current": v.pk == row.document.current_version_id,
                        "sha256": v.sha256,
                        "content_type": v.content_type,
                        "size": v.size,
                        "width": v.width,
                        "height": v.height,
                        "page_count": v.page_count,
                        "original_filename": v.original_filename,
                        "uploaded_at": _iso(v.uploaded_at),
                    }
                    for v in versions
                ],
            }
        )
    accesses = [
        {
            "at": _iso(a.at),
            "office": a.office.name if a.office else None,
            "document": a.version.document.kind,
            "version": a.version.number,
        }
        for a in document_selectors.document_accesses_for_owner(user)
    ]
    return {"files": files, "staff_accesses": accesses}


def seeker_data(user: User) -> dict[str, Any]:
    """Everything held about the person, as JSON-ready data (no password hash)."""
    profile = profile_for_user(user)
    data: dict[str, Any] = {
        "format": "pencaker-personal-data/1",
        "account": {
            "email": user.email,
            "phone": user.phone,
            "full_name": user.full_name,
            "role": user.role,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "email_verified_at": _iso(user.email_verified_at),
        },
        "consent": {
            "consent_at": _iso(user.consent_at),
            "consent_version": user.consent_version,
        },
        "profile": None,
        "education": [],
        "training": [],
        "work_experience": [],
        "skills": [],
        "languages": [],
        "documents": _documents_metadata(user, profile.office if profile else None),
        "history": [],
    }
    if profile is None:
        return data
    data["profile"] = {
        "office": profile.office.name if profile.office else None,
        "office_code": profile.office.code if profile.office else None,
        "nik": profile.nik,
        "full_name": profile.full_name,
        "birth_place": profile.birth_place,
        "birth_date": _iso(profile.birth_date),
        "sex": profile.sex,
        "marital_status": profile.marital_status,
        "religion": profile.religion,
        "address_line": profile.address_line,
        "rt": profile.rt,
        "rw": profile.rw,
        "village_code": profile.village_id,
        "village": profile.village.name if profile.village else None,
        "postal_code": profile.postal_code,
        "preferred_occupation": profile.preferred_occupation,
        "preferred_locations": profile.preferred_locations,
        "willing_to_relocate": profile.willing_to_relocate,
        "expected_salary": profile.expected_salary,
        "has_disability": profile.has_disability,
        "disability_details": profile.disability_details,
        "created_at": _iso(profile.created_at),
        "updated_at": _iso(profile.updated_at),
    }
    data["education"] = [
        {
            "level": e.level,
            "institution": e.institution,
            "major": e.major,
            "graduation_year": e.graduation_year,
        }
        for e in profile.education.all()
    ]
    data["training"] = [
        {
            "name": t.name,
            "organizer": t.organizer,
            "year": t.year,
            "certificate_number": t.certificate_number,
        }
        for t in profile.training.all()
    ]
    data["work_experience"] = [
        {
            "employer": w.employer,
            "position": w.position,
            "start_date": _iso(w.start_date),
            "end_date": _iso(w.end_date),
            "description": w.description,
        }
        for w in profile.experience.all()
    ]
    data["skills"] = [s.name for s in profile.skills.all()]
    data["languages"] = [
        {"language": x.language, "level": x.level} for x in profile.languages.all()
    ]
    data["history"] = [
        {
            "at": _iso(c.at),
            "by_owner": c.actor_id == user.pk,
            "section": c.section,
            "action": c.action,
            "changes": c.changes,
        }
        for c in profile.changes.all()
    ]
    return data
