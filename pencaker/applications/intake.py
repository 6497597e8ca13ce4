"""What an application takes from the profile and documents apps, through their selectors.

Two things: the checklist (is everything needed present? what is missing, with a link to
fix it) and the frozen copy taken at submission (profile data, current document versions
with their SHA-256). It reads the other apps only through their selectors.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import NoReverseMatch, reverse

from pencaker.documents.choices import DocumentKind
from pencaker.documents.selectors import documents_current_for
from pencaker.offices.selectors import office_required_documents
from pencaker.regions.models import Region
from pencaker.seekers.choices import Section
from pencaker.seekers.selectors import profile_completeness, profile_for_user, seeker_office_id

#: The profile sections an operator may send back, labelled by the profile app's ``Section``.
SECTION_ITEMS = {
    section.value: section.label
    for section in (
        Section.IDENTITY,
        Section.ADDRESS,
        Section.CONTACT,
        Section.EDUCATION,
        Section.EXPERIENCE,
        Section.TRAINING,
    )
}
DOCUMENT_PREFIX = "document:"


@dataclass(frozen=True)
class ChecklistItem:
    code: str
    label: str
    url: str


@dataclass(frozen=True)
class Checklist:
    missing: list[ChecklistItem] = field(default_factory=list)

    @property
    def is_complete(self) -> bool:
        return not self.missing

    def as_details(self) -> dict[str, Any]:
        return {"missing": [{"code": i.code, "label": i.label, "url": i.url} for i in self.missing]}


def _url(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def applicant_checklist(user: Any) -> Checklist:
    """Everything still missing before ``user`` can submit (profile, email, documents),
    as the profile app's completeness check reports it, each with a link to fix it."""
    result = profile_completeness(user)
    return Checklist(
        [
            ChecklistItem(str(m.code), str(m.label), str(getattr(m, "url", "") or ""))
            for m in result.missing
        ]
    )


def applicant_office_id(user: Any) -> int | None:
    return seeker_office_id(user)


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _row(obj: models.Model, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for f in obj._meta.concrete_fields:
        if f.name in exclude or f.name in {"id", "created_at", "updated_at"}:
            continue
        data[f.name] = getattr(obj, f.attname)
        if f.choices and getattr(obj, f.attname):
            data[f"{f.name}_display"] = str(getattr(obj, f"get_{f.name}_display")())
    return data


def applicant_profile(user: Any) -> Any:
    """The applicant's profile with its office and village loaded (or None)."""
    return profile_for_user(user)


def _region_chain(village: Any) -> list[str]:
    """The names from the village up to the province. The ancestors come in one query
    (three levels above a village), not one query per level."""
    names = [village.name]
    region = None
    if village.parent_id is not None:
        region = (
            Region.objects.select_related("parent__parent").filter(pk=village.parent_id).first()
        )
    while region is not None:
        names.append(region.name)
        region = region.parent if region.parent_id is not None else None
    return names


def profile_snapshot(user: Any, *, profile: Any = None) -> dict[str, Any]:
    """The profile as the operator will review it, frozen as JSON.

    ``profile`` saves a query when the caller already loaded it (``applicant_profile``).
    """
    if profile is None:
        profile = applicant_profile(user)
    data: dict[str, Any] = {
        "account": {
            "email": user.email,
            "phone": getattr(user, "phone", ""),
            "email_verified": bool(getattr(user, "email_verified_at", None)),
        }
    }
    if profile is None:
        return _jsonable(data)
    data["profile"] = _row(profile, exclude=("user", "office", "village"))
    village = getattr(profile, "village", None)
    if village is not None:
        data["profile"]["village"] = {"code": village.code, "name": village.name}
        data["profile"]["region_path"] = _region_chain(village)
    for relation in ("education", "training", "experience", "skills", "languages"):
        manager = getattr(profile, relation, None)
        if manager is not None:
            data[relation] = [_row(obj, exclude=("profile",)) for obj in manager.all()]
    return _jsonable(data)


def documents_snapshot(user: Any) -> list[dict[str, Any]]:
    """The current version of each of the user's documents: id, kind and SHA-256."""
    current = documents_current_for(user)
    rows = []
    for item in current.values() if isinstance(current, dict) else current:
        version = getattr(item, "current_version", item)
        if version is None:
            continue
        kind = getattr(item, "kind", None) or version.document.kind  # type: ignore[union-attr]
        rows.append(
            {
                "kind": kind,
                "version_id": version.pk,
                "sha256": version.sha256,  # type: ignore[union-attr]
                "content_type": getattr(version, "content_type", ""),
                "number": getattr(version, "number", None),
            }
        )
    return sorted(rows, key=lambda r: r["kind"])


def document_label(kind: str) -> str:
    """The documents app's label for a kind (its ``DocumentKind``); the code itself for a
    kind it no longer knows (a frozen copy of an old application)."""
    return str(DocumentKind(kind).label) if kind in DocumentKind.values else kind


def item_label(code: str) -> str:
    if code.startswith(DOCUMENT_PREFIX):
        return document_label(code.removeprefix(DOCUMENT_PREFIX))
    return str(SECTION_ITEMS.get(code, code))


def item_fix_url(code: str) -> str:
    if code.startswith(DOCUMENT_PREFIX):
        return _url("documents:list")
    if code in SECTION_ITEMS:
        return _url(f"seekers:{code}") or _url("seekers:overview")
    return _url("seekers:overview")


def returnable_items(application: Any) -> list[tuple[str, str]]:
    """Items an operator may send back: the profile sections and the frozen documents."""
    kinds = [d["kind"] for d in application.documents or []]
    for entry in office_required_documents(application.office) or []:
        # "ktp|sim" (one of them): the usual kind, unless an alternative was submitted.
        group = [part.strip() for part in str(entry).split("|") if part.strip()]
        if group and not any(kind in kinds for kind in group):
            kinds.append(group[0])
    codes = [*SECTION_ITEMS, *(f"{DOCUMENT_PREFIX}{k}" for k in kinds)]
    return [(code, item_label(code)) for code in codes]
