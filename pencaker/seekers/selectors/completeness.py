"""What a profile still lacks before an AK/1 request, each with a link to fix it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from pencaker.accounts.models import User
from pencaker.documents import selectors as document_selectors
from pencaker.documents.choices import DocumentKind
from pencaker.offices.models import Office
from pencaker.seekers.models import JobSeekerProfile
from pencaker.seekers.selectors.history import _label
from pencaker.seekers.selectors.profile import profile_for_user

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
    """Ask the documents app (below seekers: documents reads the owner's office through
    the reader seekers registers, ADR 12)."""
    return list(document_selectors.document_kinds_missing(user=user, office=office))


def _document_item(kind: Any) -> MissingItem:
    code = str(getattr(kind, "value", None) or getattr(kind, "code", None) or kind)
    label = getattr(kind, "label", None)
    if label is None:
        try:
            label = DocumentKind(code).label
        except ValueError:
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
    # A phone-first account (ADR 0027) proved its number by a code and has no email to
    # confirm: the verified number is its contact (ADR 0032).
    phone_only = not getattr(user, "email", None) and getattr(user, "phone_verified_at", None)
    if not getattr(user, "email_verified_at", None) and not phone_only:
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
