"""Account reads. Other apps call ``email_is_verified`` and ``landing_url_for``."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse

from pencaker.accounts.api_auth import token_matches_password, tokens_valid
from pencaker.accounts.models import STAFF_ROLES, ApiToken, Role, User


def email_is_verified(user: User) -> bool:
    """True once the person has followed the link in the verification email."""
    return bool(getattr(user, "is_authenticated", False) and user.email_verified_at)


def staff_list_for_office(*, office_id: int) -> QuerySet[User]:
    return (
        User.objects.filter(office_id=office_id, role__in=STAFF_ROLES)
        .select_related("office")
        .order_by("-is_active", "full_name", "email")
    )


def staff_get_for_office(*, office_id: int, staff_id: int) -> User | None:
    return staff_list_for_office(office_id=office_id).filter(pk=staff_id).first()


def staff_has_confirmed_device(user: User) -> bool:
    from django_otp import devices_for_user

    return any(True for _ in devices_for_user(user, confirmed=True))


def seeker_home_url() -> str:
    # The seekers app may not exist yet in every build; fall back to the public home page.
    try:
        return reverse("seekers:overview")
    except NoReverseMatch:
        return reverse("public:home")


def landing_url_for(user: User) -> str:
    """Where a person goes after logging in."""
    if not getattr(user, "is_authenticated", False):
        return reverse("public:home")
    if user.role in STAFF_ROLES:
        return reverse("accounts:staff_home")
    if user.role == Role.INSTALLATION_ADMIN:
        try:
            return reverse("offices:installation")
        except NoReverseMatch:
            return reverse("public:home")
    if user.role == Role.JOB_SEEKER:
        return seeker_home_url()
    if user.role == Role.EMPLOYER:
        try:
            return reverse("employers:home")
        except NoReverseMatch:
            return reverse("public:home")
    return reverse("public:home")


def api_token_list_for(*, user: User) -> list[ApiToken]:
    """The person's tokens that still work, newest first (never their hashes' owners')."""
    return [
        token
        for token in tokens_valid(user).select_related("user").order_by("-created_at")
        if token_matches_password(token)
    ]
