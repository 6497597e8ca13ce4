"""Reads of personal data that leave a trace: a staff view and the data download."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from pencaker.accounts.models import User
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import PermissionDenied
from pencaker.seekers.errors import SeekerErrorCode
from pencaker.seekers.models import JobSeekerProfile
from pencaker.seekers.selectors import seeker_data


def profile_viewed_by_staff(
    *, actor: User, profile: JobSeekerProfile, ip_address: str | None = None
) -> None:
    """Record that a staff member opened a profile (a read of personal data, UU 27/2022)."""
    audit_record(
        actor=actor,
        action=AuditAction.SEEKERS_PROFILE_STAFF_VIEW,
        obj=profile,
        office=profile.office,
        ip_address=ip_address,
    )


# --- data download --------------------------------------------------------------------


def seeker_data_export(*, actor: User | None, user: User) -> dict[str, Any]:
    """All personal data held about ``user`` (UU 27/2022 right of access), as JSON data.

    Records an audit row: an export is a sensitive read.
    """
    if actor is None or actor.pk != user.pk:
        raise PermissionDenied(SeekerErrorCode.FORBIDDEN, _("You may only download your own data."))
    data = seeker_data(user)
    profile = JobSeekerProfile.objects.filter(user=user).select_related("office").first()
    audit_record(
        actor=actor,
        action=AuditAction.SEEKERS_DATA_EXPORT,
        obj=profile or user,
        office=profile.office if profile else None,
    )
    return data
