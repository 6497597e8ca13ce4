"""Reads of employers, with the access rules: an employer account sees its own
organisation; deciding staff see the organisations of their own office; a verified
organisation's name and badge are public (vacancies show them)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from pencaker.accounts.models import STAFF_ROLES, Role
from pencaker.core.errors import NotFound
from pencaker.employers.choices import Status
from pencaker.employers.errors import EmployerError
from pencaker.employers.models import (
    KbliSector,
    Membership,
    Organisation,
    OrganisationDocument,
    OrganisationReturnItem,
    OrganisationStatusChange,
)

#: What the staff queue shows by default: what waits on the office.
QUEUE_STATUSES = (Status.SUBMITTED,)


def not_found() -> NotFound:
    return NotFound(EmployerError.ORGANISATION_NOT_FOUND, _("This organisation was not found."))


def membership_of(user: Any) -> Membership | None:
    """The active membership of an employer account (None for anyone else)."""
    if not getattr(user, "is_authenticated", False) or user.role != Role.EMPLOYER:
        return None
    return (
        Membership.objects.select_related("organisation", "organisation__office")
        .filter(user=user, removed_at__isnull=True)
        .first()
    )


def organisation_of(user: Any) -> Organisation | None:
    membership = membership_of(user)
    return membership.organisation if membership is not None else None


def organisation_verified_of(user: Any) -> Organisation | None:
    """The user's organisation if it is verified: what cards' batch check and the
    vacancies app require before an employer acts."""
    organisation = organisation_of(user)
    return organisation if organisation is not None and organisation.is_verified else None


def organisation_members(organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.select_related("user")
        .filter(organisation=organisation, removed_at__isnull=True)
        .order_by("-role", "created_at")
    )


def organisation_current_document(organisation: Organisation) -> OrganisationDocument | None:
    return organisation.documents.order_by("-uploaded_at", "-id").first()


def organisation_timeline(organisation: Organisation) -> QuerySet[OrganisationStatusChange]:
    return organisation.history.select_related("actor").order_by("at", "id")


def organisation_return_items(organisation: Organisation) -> list[OrganisationReturnItem]:
    """What the latest return asked for (empty unless the organisation is returned)."""
    if organisation.status != Status.NEEDS_CHANGES:
        return []
    change = organisation.history.filter(to_status=Status.NEEDS_CHANGES).order_by("-id").first()
    return list(change.return_items.all()) if change is not None else []


def _staff_office_id(actor: Any) -> int | None:
    if getattr(actor, "role", None) not in STAFF_ROLES:
        return None
    return getattr(actor, "office_id", None)


def organisation_queue_for_office(actor: Any, *, status: str = "") -> QuerySet[Organisation]:
    """Organisations of the actor's office, soonest deadline first (staff only)."""
    office_id = _staff_office_id(actor)
    if office_id is None:
        return Organisation.objects.none()
    rows = Organisation.objects.filter(office_id=office_id).select_related("office", "sector")
    if status:
        rows = rows.filter(status=status)
    else:
        rows = rows.filter(status__in=QUEUE_STATUSES)
    return rows.order_by("due_at", "id")


def organisation_for_staff(actor: Any, organisation_id: Any) -> Organisation:
    """One organisation of the actor's office; another office's answers as not found."""
    office_id = _staff_office_id(actor)
    try:
        organisation = Organisation.objects.select_related(
            "office", "sector", "village", "village__parent", "village__parent__parent"
        ).get(pk=int(organisation_id))
    except (Organisation.DoesNotExist, TypeError, ValueError):
        raise not_found() from None
    if office_id is None or organisation.office_id != office_id:
        raise not_found()
    return organisation


def sector_choices() -> list[tuple[str, str]]:
    """KBLI entries an employer can choose (groups and below, with their section first)."""
    return [
        (s.code, f"{s.code} – {s.title}")
        for s in KbliSector.objects.exclude(level="section").order_by("code")
    ]
