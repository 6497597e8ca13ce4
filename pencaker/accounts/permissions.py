"""Access rules shared by every staff view.

Staff (operator, admin dinas, pimpinan: ``STAFF_ROLES``) must belong to an office and have passed TOTP
two-factor verification in this session; each staff view then filters by
``request.user.office``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from pencaker.accounts.models import STAFF_ROLES, Role

#: Staff who decide: they review, approve and return applications, record reports and
#: placements, and write the survey follow-up plan. The head of office (pimpinan) only
#: reads. The one definition of this set; every app's checks and menus use it.
DECIDING_ROLES: frozenset[str] = frozenset({Role.OPERATOR, Role.ADMIN_DINAS})


def can_decide(user: Any, office_id: int | None = None) -> bool:
    """An operator or office administrator who belongs to an office (to the office
    ``office_id`` when it is given)."""
    if getattr(user, "role", None) not in DECIDING_ROLES or not getattr(user, "office_id", None):
        return False
    return office_id is None or user.office_id == office_id


def is_office_admin(user: Any, office_id: int | None) -> bool:
    """The administrator (admin dinas) of the office ``office_id``: the one who changes the
    office's configuration."""
    return bool(
        office_id
        and getattr(user, "role", None) == Role.ADMIN_DINAS
        and getattr(user, "office_id", None) == office_id
    )


def is_verified_staff(user: Any) -> bool:
    return bool(
        user.is_authenticated
        and user.role in STAFF_ROLES
        and user.office_id
        and getattr(user, "is_verified", lambda: False)()
    )


def staff_required(view: Callable | None = None, *, roles: Iterable[str] = STAFF_ROLES) -> Callable:
    """Allow only verified staff of the given roles; send unverified staff to 2FA."""
    allowed = frozenset(roles)

    def decorator(func: Callable) -> Callable:
        @wraps(func)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if user.role not in allowed or not user.office_id:
                raise PermissionDenied
            if not user.is_verified():
                return redirect("accounts:two_factor")
            return func(request, *args, **kwargs)

        return wrapper

    return decorator(view) if view is not None else decorator


def installation_admin_required(func: Callable) -> Callable:
    """Allow only the installation administrator who passed TOTP in this session (ADR
    0031); anyone else signed in gets 403, an unverified session goes to 2FA."""

    @wraps(func)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if user.role != Role.INSTALLATION_ADMIN or not user.is_active:
            raise PermissionDenied
        if not user.is_verified():
            return redirect("accounts:two_factor")
        return func(request, *args, **kwargs)

    return wrapper


def is_installation_admin(user: Any) -> bool:
    return bool(
        user is not None
        and getattr(user, "role", None) == Role.INSTALLATION_ADMIN
        and getattr(user, "is_active", False)
    )


def seeker_required(func: Callable) -> Callable:
    """Allow only signed-in job seekers."""

    @wraps(func)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if user.role != Role.JOB_SEEKER:
            raise PermissionDenied
        return func(request, *args, **kwargs)

    return wrapper
