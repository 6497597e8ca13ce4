"""What every seekers service shares: the field lists, the change diff, the history row,
the edit permission and the row lock."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from pencaker.accounts.models import User
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import DomainError, PermissionDenied
from pencaker.seekers.errors import SeekerErrorCode
from pencaker.seekers.extensions import profile_change_listeners
from pencaker.seekers.models import (
    JobSeekerProfile,
    ProfileChange,
)

IDENTITY_FIELDS = (
    "nik",
    "full_name",
    "birth_place",
    "birth_date",
    "sex",
    "marital_status",
    "religion",
)
ADDRESS_FIELDS = ("address_line", "rt", "rw", "village", "postal_code")
PREFERENCE_FIELDS = (
    "preferred_occupation",
    "preferred_locations",
    "willing_to_relocate",
    "expected_salary",
)
DISABILITY_FIELDS = ("has_disability", "disability_details")


# --- helpers ------------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Model):
        return str(value.pk)
    return value


def _apply(obj: Model, values: dict[str, Any]) -> dict[str, list[Any]]:
    """Set ``values`` on ``obj``; return ``{field: [old, new]}`` for what really changed."""
    changes: dict[str, list[Any]] = {}
    for field, new in values.items():
        old = getattr(obj, field)
        if _jsonable(old) != _jsonable(new):
            changes[field] = [_jsonable(old), _jsonable(new)]
            setattr(obj, field, new)
    return changes


def _invalid(errors: dict[str, list[str]]) -> DomainError:
    first = next(iter(errors.values()))[0]
    return DomainError(SeekerErrorCode.INVALID, first, fields=errors)


def _history(
    *,
    profile: JobSeekerProfile,
    actor: User,
    section: str,
    changes: dict[str, Any],
    action: str = ProfileChange.Action.UPDATED,
) -> ProfileChange:
    row = ProfileChange.objects.create(
        profile=profile,
        actor=actor if getattr(actor, "pk", None) else None,
        section=section,
        action=action,
        changes=changes,
    )
    audit_record(
        actor=actor,
        # A lookup, not a format: an unknown section/action pair fails here, loudly.
        action=AuditAction(f"seekers.{section}.{action}"),
        obj=profile,
        office=profile.office,
        data={"fields": sorted(changes)},
    )
    user_id = profile.user_id
    for listener in profile_change_listeners():
        transaction.on_commit(functools.partial(listener, user_id))
    return row


def _check_can_edit(actor: User | None, profile: JobSeekerProfile) -> None:
    if actor is not None and actor.pk == profile.user_id:
        return
    # Operators register walk-in citizens on their behalf (DESIGN §2).
    if (
        actor is not None
        and getattr(actor, "is_office_staff", False)
        and actor.office_id
        and profile.office_id in (None, actor.office_id)
    ):
        return
    raise PermissionDenied(SeekerErrorCode.FORBIDDEN, _("You may not change this profile."))


def _locked(profile: JobSeekerProfile) -> JobSeekerProfile:
    return (
        JobSeekerProfile.objects.select_for_update(of=("self",))
        .select_related("office", "user")
        .get(pk=profile.pk)
    )
