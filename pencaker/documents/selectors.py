"""Reads of documents, including the permission rule for opening a file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from pencaker.accounts.models import Role
from pencaker.accounts.permissions import is_verified_staff
from pencaker.documents.choices import ANY_OF, DEFAULT_REQUIRED_KINDS, OPTIONAL_KINDS, DocumentKind
from pencaker.documents.models import Document, DocumentAccess, DocumentVersion
from pencaker.documents.thumbnails import thumbnail_available
from pencaker.offices.models import Office
from pencaker.offices.selectors import office_required_documents


def document_has_thumbnail(content_type: str) -> bool:
    """Whether a version of this type gets a thumbnail (``documents:thumbnail``); the
    page shows an icon otherwise (a PDF where poppler is not installed)."""
    return thumbnail_available(content_type)


def document_kind_labels() -> dict[str, str]:
    """Kind code → translated label, in the canonical order."""
    return {kind.value: str(kind.label) for kind in DocumentKind}


def required_groups_for_office(office: Any) -> list[tuple[str, ...]]:
    """The office's required documents as groups of kinds of which one is needed, in the
    office's order (``"ktp|sim"``: the KTP, or the SIM instead); unknown codes ignored; the
    default when office is None.

    The office's list is read through ``offices.selectors``; documents checks the codes
    against its kinds."""
    configured = office_required_documents(office)
    entries = list(DEFAULT_REQUIRED_KINDS) if configured is None else list(configured)
    valid = set(DocumentKind.values)
    seen: set[str] = set()
    groups: list[tuple[str, ...]] = []
    for entry in entries:
        group = []
        for kind in str(entry).split(ANY_OF):
            kind = kind.strip()
            if kind in valid and kind not in seen:
                seen.add(kind)
                group.append(kind)
        if group:
            groups.append(tuple(group))
    return groups


def required_kinds_for_office(office: Any) -> list[str]:
    """The first kind of each required group (the usual document: the KTP of "KTP or
    SIM"); see ``required_groups_for_office`` for what else an office accepts."""
    return [group[0] for group in required_groups_for_office(office)]


def alternative_kinds_for_office(office: Any) -> dict[str, str]:
    """Kinds accepted instead of a required one → that required kind (``{"sim": "ktp"}``)."""
    return {kind: group[0] for group in required_groups_for_office(office) for kind in group[1:]}


def required_group_label(group: tuple[str, ...]) -> str:
    """ "Identity card (KTP) or Driving licence (SIM)"."""
    labels = document_kind_labels()
    return str(_(" or ")).join(labels[kind] for kind in group)


# Where the owner of documents is served is known by the seekers app (the profile's
# office), which sits above this one: it registers its reader here in its
# ``AppConfig.ready`` (``owner_office_reader_register``), so documents imports nothing of it.
_owner_office_reader: Callable[[Any], int | None] | None = None


def owner_office_reader_register(reader: Callable[[Any], int | None]) -> None:
    """Set the function that answers the office id of a document owner (or None)."""
    global _owner_office_reader
    _owner_office_reader = reader


def owner_office_id(owner: Any) -> int | None:
    """The office of the job seeker who owns documents (None while unknown)."""
    if _owner_office_reader is None:
        raise ImproperlyConfigured("No owner office reader: is pencaker.seekers installed?")
    return _owner_office_reader(owner)


def owner_office(owner: Any) -> Office | None:
    office_id = owner_office_id(owner)
    return Office.objects.filter(pk=office_id).first() if office_id else None


def documents_current_for(user: Any) -> dict[str, Document]:
    """The user's documents that have a current version, keyed by kind.

    Each ``Document`` has ``current_version`` loaded (no extra query to reach the file).
    """
    if user is None or not getattr(user, "pk", None):
        return {}
    docs = Document.objects.filter(owner=user, current_version__isnull=False).select_related(
        "current_version"
    )
    return {doc.kind: doc for doc in docs}


def document_kinds_missing(*, user: Any, office: Any) -> list[str]:
    """Required kinds (per ``office``; default ktp, photo, ijazah) the user has not uploaded;
    a group ("KTP or SIM") is missing only when none of its kinds is there, and is named by
    its first kind."""
    present = set(documents_current_for(user))
    return [
        group[0]
        for group in required_groups_for_office(office)
        if not any(kind in present for kind in group)
    ]


@dataclass
class KindStatus:
    """One row of the job seeker's document page."""

    kind: str
    label: str
    required: bool
    document: Document | None = None
    older_versions: list[DocumentVersion] = field(default_factory=list)
    #: The upload form for this kind; views fill it in.
    form: Any = field(default=None, repr=False)
    #: Accepted instead of this required kind (the SIM for the KTP): its label.
    alternative_to: str = ""
    #: A required kind whose alternative is uploaded (nothing more is needed).
    satisfied_by: str = ""

    @property
    def current(self) -> DocumentVersion | None:
        return self.document.current_version if self.document else None


def document_overview_for(*, user: Any, office: Any) -> list[KindStatus]:
    """Every kind to show a job seeker: required first, then optional, then anything else
    already uploaded; each with its current and older versions."""
    groups = required_groups_for_office(office)
    required = [group[0] for group in groups]
    alternatives = {kind: group[0] for group in groups for kind in group[1:]}
    docs = {
        doc.kind: doc
        for doc in Document.objects.filter(owner=user)
        .select_related("current_version")
        .prefetch_related(
            Prefetch("versions", queryset=DocumentVersion.objects.order_by("-number"))
        )
    }
    optional = [k for k in OPTIONAL_KINDS if k not in required]
    listed = [*required, *alternatives]
    extra = [k for k in DocumentKind.values if k in docs and k not in listed + optional]
    labels = document_kind_labels()
    uploaded = {kind for kind, doc in docs.items() if doc.current_version_id}
    ordered: list[str] = []
    for group in groups:
        ordered.extend(group)
    rows = []
    for kind in ordered + optional + extra:
        doc = docs.get(kind)
        older = []
        if doc is not None:
            older = [v for v in doc.versions.all() if v.pk != doc.current_version_id]
        rows.append(
            KindStatus(
                kind=kind,
                label=labels[kind],
                required=kind in required,
                document=doc,
                older_versions=older,
                alternative_to=labels[alternatives[kind]] if kind in alternatives else "",
                satisfied_by=next(
                    (
                        labels[other]
                        for group in groups
                        if group[0] == kind and kind not in uploaded
                        for other in group[1:]
                        if other in uploaded
                    ),
                    "",
                ),
            )
        )
    return rows


def document_version_for_viewer(*, user: Any, version_id: int) -> tuple[DocumentVersion, bool]:
    """The version if ``user`` may open it, and whether this is a staff view (to be logged).

    The owner may open their own versions; verified staff may open versions of job seekers
    of their own office. Anyone else gets ``DocumentVersion.DoesNotExist`` (a 404: we do
    not say whether the file exists).
    """
    version = DocumentVersion.objects.select_related("document__owner").get(pk=version_id)
    owner = version.document.owner
    if user.is_authenticated and owner.pk == user.pk:
        return version, False
    if (
        is_verified_staff(user)
        and owner.role == Role.JOB_SEEKER
        and owner_office_id(owner) == user.office_id
    ):
        return version, True
    raise DocumentVersion.DoesNotExist


def document_accesses_for_office(office: Any):
    """The staff access log of one office, newest first."""
    return DocumentAccess.objects.filter(office=office).select_related(
        "staff", "version__document__owner"
    )


def document_accesses_for_owner(owner: Any):
    """Who from the Dinas opened this person's documents (shown to the person)."""
    return DocumentAccess.objects.filter(version__document__owner=owner).select_related(
        "staff", "office", "version__document"
    )
