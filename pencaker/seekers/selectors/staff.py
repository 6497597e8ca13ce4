"""Profiles and NIK conflicts for staff, filtered by office."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from pencaker.accounts.models import User
from pencaker.offices.models import Office
from pencaker.seekers.models import (
    JobSeekerProfile,
    NikConflict,
    OfficeTransfer,
)

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


def transfers_for_office(*, office: Office) -> QuerySet[OfficeTransfer]:
    """Pending moves into the office (to decide) and out of it (to know), newest first.
    The receiving office sees only the name and the new area until it accepts."""
    return (
        OfficeTransfer.objects.filter(status=OfficeTransfer.Status.PENDING)
        .filter(Q(to_office=office) | Q(from_office=office))
        .select_related("profile__user", "profile__village", "from_office", "to_office")
    )


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
