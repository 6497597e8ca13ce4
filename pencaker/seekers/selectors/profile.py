"""The profile of a user and the office that serves them."""

from __future__ import annotations

from pencaker.accounts.models import User
from pencaker.seekers.models import JobSeekerProfile


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
