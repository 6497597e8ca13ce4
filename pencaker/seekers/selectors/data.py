"""Everything held about a user, for the data download (UU 27/2022 right of access)."""

from __future__ import annotations

from typing import Any

from pencaker.accounts.models import User
from pencaker.documents import selectors as document_selectors
from pencaker.offices.models import Office
from pencaker.seekers.selectors.profile import profile_for_user

# --- data download --------------------------------------------------------------------


def _iso(value: Any) -> Any:
    return value.isoformat() if value is not None else None


def _documents_metadata(user: User, office: Office | None) -> dict[str, Any] | None:
    """Document details (never the files) through the documents app's selectors."""
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
