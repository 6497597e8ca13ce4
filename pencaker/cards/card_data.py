"""What is printed on a card, taken from the application's frozen snapshot.

The operator approved exactly the snapshot, so the card prints the snapshot and not the
live profile. Labels are resolved in Indonesian at issue time and frozen in ``Card.data``.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.utils import translation

from pencaker.core.text import name_clean
from pencaker.documents.selectors import document_version_for_viewer
from pencaker.regions.nik import nik_mask
from pencaker.seekers.choices import EducationLevel, MaritalStatus, Religion, Sex


def _label(choices: Any, value: Any) -> str:
    if not value:
        return ""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _city(office: Any) -> str:
    region = getattr(office, "region", None)
    name = getattr(region, "name", "") or ""
    for prefix in ("Kota ", "Kabupaten ", "Kab. "):
        if name.startswith(prefix):
            return name.removeprefix(prefix)
    return name


def office_data(office: Any) -> dict[str, Any]:
    return {
        "name": office.name,
        "code": office.code,
        "letterhead_line1": office.letterhead_line1,
        "letterhead_line2": office.letterhead_line2,
        "address": office.address,
        "phone": office.phone,
        "city": _city(office),
        # Set on the office settings screen; the card prints it above the signer's name.
        "signer_title": getattr(office, "signer_title", "") or "",
    }


def _address(profile: dict[str, Any]) -> str:
    parts = [profile.get("address_line") or ""]
    if profile.get("rt") or profile.get("rw"):
        parts.append(f"RT {profile.get('rt') or '-'} RW {profile.get('rw') or '-'}")
    parts.extend(profile.get("region_path") or [])
    text = ", ".join(p for p in parts if p)
    if profile.get("postal_code"):
        text = f"{text} {profile['postal_code']}"
    return text


def card_data_from_snapshot(
    snapshot: dict[str, Any], documents: list[dict[str, Any]], office: Any
) -> dict[str, Any]:
    profile = (snapshot or {}).get("profile") or {}
    with translation.override("id"):
        data: dict[str, Any] = {
            "name": name_clean(profile.get("full_name") or ""),
            "nik": profile.get("nik") or "",
            "nik_masked": nik_mask(profile.get("nik") or ""),
            "birth_place": profile.get("birth_place") or "",
            "birth_date": profile.get("birth_date") or "",
            "sex": _label(Sex, profile.get("sex")),
            "marital_status": _label(MaritalStatus, profile.get("marital_status")),
            "religion": _label(Religion, profile.get("religion")),
            "address": _address(profile),
            "education": [
                {
                    "level": e.get("level") or "",
                    "level_label": _label(EducationLevel, e.get("level")),
                    "institution": e.get("institution") or "",
                    "major": e.get("major") or "",
                    "year": e.get("graduation_year"),
                }
                for e in snapshot.get("education") or []
            ],
            "training": [
                {"name": t.get("name"), "organizer": t.get("organizer"), "year": t.get("year")}
                for t in snapshot.get("training") or []
            ],
            "skills": [s.get("name") for s in snapshot.get("skills") or [] if s.get("name")],
            "experience": [
                {
                    "employer": e.get("employer"),
                    "position": e.get("position"),
                    "start": e.get("start_date") or "",
                    "end": e.get("end_date") or "",
                }
                for e in snapshot.get("experience") or []
            ],
            "office": office_data(office),
        }
    photo = next((d for d in documents or [] if d.get("kind") == "photo"), None)
    if photo:
        data["photo"] = {"version_id": photo.get("version_id"), "sha256": photo.get("sha256")}
    return data


def photo_bytes(holder: Any, data: dict[str, Any]) -> bytes | None:
    """The frozen photo version's bytes, if it still exists and its hash matches."""
    ref = data.get("photo") or {}
    if not ref.get("version_id"):
        return None
    try:
        version, _staff_view = document_version_for_viewer(
            user=holder, version_id=int(ref["version_id"])
        )
        with version.file.open("rb") as handle:
            content = handle.read()
    except Exception:  # noqa: BLE001 - a missing file prints the empty photo box
        return None
    if ref.get("sha256") and hashlib.sha256(content).hexdigest() != ref["sha256"]:
        return None
    return content
