"""Account writes: registration, email verification, staff management, two-factor."""

from __future__ import annotations

from math import ceil
from typing import Any

from django.contrib.auth import authenticate, get_user_model, user_logged_in, user_login_failed
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from pencaker.accounts import emails
from pencaker.accounts.api_auth import token_issue
from pencaker.accounts.consent import CONSENT_VERSION
from pencaker.accounts.errors import AccountErrorCode
from pencaker.accounts.models import STAFF_ROLES, TOTP_ROLES, ApiToken, Role, User
from pencaker.accounts.phone import phone_normalize
from pencaker.accounts.verification import (
    TokenExpired,
    TokenInvalid,
    verification_token_read,
)
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import DomainError, NotFound, PermissionDenied
from pencaker.core.text import name_clean


def email_taken_message() -> str:
    return _(
        "An account with this email already exists. Log in, or use “Forgot password” "
        "if you do not remember the password."
    )


def _phone_or_error(phone: str) -> str:
    try:
        return phone_normalize(phone)
    except ValidationError as exc:
        message = " ".join(str(m) for m in exc.messages)
        raise DomainError(
            AccountErrorCode.INVALID_PHONE, message, fields={"phone": [message]}
        ) from exc


def phone_or_error(phone: str) -> str:
    """``phone`` in E.164, or a ``DomainError`` with the Indonesian message."""
    return _phone_or_error(phone)


def api_token_for_new_account(*, user: User) -> str:
    """A bearer token for an account just created through the API (phone sign-up)."""
    with transaction.atomic():
        raw = token_issue(user=user, name="api-signup")
        audit_record(actor=user, action=AuditAction.ACCOUNT_API_LOGIN, obj=user, ip_address=None)
    return raw


def _email_normalize(email: str) -> str:
    return get_user_model().objects.normalize_email(email.strip()).lower()


# --- Job seekers -----------------------------------------------------------------------


def user_register(
    *,
    email: str,
    phone: str,
    full_name: str,
    password: str,
    consent: bool,
    ip_address: str | None = None,
    role: str = Role.JOB_SEEKER,
) -> User:
    """Create a job-seeker (or employer) account and send the verification email after
    commit.

    The caller has validated the input shape (``SignupForm``); this re-checks the rules
    that protect the data: consent given, a unique email, a valid mobile number.
    """
    if role not in (Role.JOB_SEEKER, Role.EMPLOYER):
        raise DomainError(AccountErrorCode.INVALID_ROLE, _("Choose job seeker or employer."))
    if not consent:
        raise DomainError(
            AccountErrorCode.CONSENT_REQUIRED,
            _("Please agree to the privacy notice to create an account."),
            fields={"consent": [_("This box must be ticked.")]},
        )
    email = _email_normalize(email)
    phone_e164 = _phone_or_error(phone)
    taken = DomainError(
        AccountErrorCode.EMAIL_TAKEN,
        email_taken_message(),
        fields={"email": [email_taken_message()]},
    )
    with transaction.atomic():
        if User.objects.filter(email__iexact=email).exists():
            raise taken
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    email=email,
                    password=password,
                    phone=phone_e164,
                    full_name=name_clean(full_name),
                    role=role,
                    consent_at=timezone.now(),
                    consent_version=CONSENT_VERSION,
                )
        except IntegrityError as exc:  # two sign-ups with one email at the same moment
            raise taken from exc
        audit_record(
            actor=user,
            action=AuditAction.ACCOUNT_REGISTERED,
            obj=user,
            ip_address=ip_address,
            data={"consent_version": CONSENT_VERSION},
        )
        emails.verification_email_schedule(user=user)
    return user


def user_signup(
    *,
    email: str,
    phone: str,
    full_name: str,
    password: str,
    consent: bool,
    ip_address: str | None = None,
) -> User | None:
    """Sign-up as the pages and the API offer it: like ``user_register``, except that an
    email that already has an account creates nothing and returns ``None``. The owner is
    emailed how to log in or reset the password, and the caller answers as for a new
    account ("check your email"), so sign-up does not tell who has an account."""
    try:
        return user_register(
            email=email,
            phone=phone,
            full_name=full_name,
            password=password,
            consent=consent,
            ip_address=ip_address,
        )
    except DomainError as exc:
        if exc.code != AccountErrorCode.EMAIL_TAKEN:
            raise
    with transaction.atomic():
        owner = User.objects.filter(email__iexact=_email_normalize(email)).first()
        if owner is not None:
            audit_record(
                actor=None,
                action=AuditAction.ACCOUNT_SIGNUP_EMAIL_TAKEN,
                obj=owner,
                ip_address=ip_address,
            )
            emails.signup_existing_schedule(user=owner)
    return None


def user_verify_email(*, token: str) -> User:
    """Mark the email of the token's user as verified. Setting it is done once only."""
    try:
        claim = verification_token_read(token)
    except TokenExpired as exc:
        raise DomainError(
            AccountErrorCode.TOKEN_EXPIRED,
            _("This verification link has expired. Ask for a new link and use it within 3 days."),
        ) from exc
    except TokenInvalid as exc:
        raise DomainError(
            AccountErrorCode.TOKEN_INVALID,
            _(
                "This verification link is not valid. Copy the whole link from the email, or ask "
                "for a new one."
            ),
        ) from exc
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=claim.user_id).first()
        if user is None or (user.email or "").lower() != claim.email.lower():
            raise DomainError(
                AccountErrorCode.TOKEN_INVALID,
                _(
                    "This verification link is not valid. Copy the whole link from the email, or "
                    "ask for a new one."
                ),
            )
        if user.email_verified_at is None:
            user.email_verified_at = timezone.now()
            user.save(update_fields=["email_verified_at"])
            audit_record(actor=user, action=AuditAction.ACCOUNT_EMAIL_VERIFIED, obj=user)
    return user


def verification_email_resend(*, email: str) -> None:
    """Send a new link if an unverified account has this email; silent otherwise, so the
    answer does not reveal who has an account."""
    with transaction.atomic():
        user = User.objects.filter(
            email__iexact=_email_normalize(email), email_verified_at__isnull=True, is_active=True
        ).first()
        if user is not None:
            emails.verification_email_schedule(user=user)


# --- API login ---------------------------------------------------------------------------


def invalid_credentials_error() -> DomainError:
    """One answer for a wrong password and a wrong (or throttled) code, so the API does
    not confirm a staff password to whoever guessed it."""
    return DomainError(
        AccountErrorCode.INVALID_CREDENTIALS,
        _(
            "The email, password or code is wrong. Check them and try again; after a wrong "
            "code, wait half a minute for the next one."
        ),
        status=401,
    )


def api_login(
    *, request: HttpRequest, email: str, password: str, otp_code: str = ""
) -> tuple[User, str]:
    """Check the credentials through the auth backends (so django-axes counts failures and
    locks out) and issue an API token. Staff must also give a current TOTP code; a wrong
    one counts as a failed login and answers exactly as a wrong password does."""
    email = _email_normalize(email)
    user = authenticate(request, username=email, password=password)
    if getattr(request, "axes_locked_out", False):
        raise DomainError(AccountErrorCode.LOCKED_OUT, locked_out_message(), status=429)
    if user is None:
        raise invalid_credentials_error()
    if user.role in TOTP_ROLES:
        if not otp_code:
            raise PermissionDenied(
                AccountErrorCode.OTP_REQUIRED,
                _("Staff accounts must also give the 6-digit code from the authenticator app."),
            )
        if match_token(user, otp_code.strip()) is None:
            user_login_failed.send(
                sender=__name__, credentials={"username": email}, request=request
            )
            raise invalid_credentials_error()
    with transaction.atomic():
        raw = token_issue(user=user, name="api-login")
        audit_record(actor=user, action=AuditAction.ACCOUNT_API_LOGIN, obj=user, ip_address=None)
    # Lets django-axes reset the failure count and Django update last_login.
    user_logged_in.send(sender=user.__class__, request=request, user=user)
    return user, raw


def api_tokens_revoke_all(*, user: User) -> int:
    """End every token of ``user`` (two-factor reset, deactivation). A password change
    ends them without a call: see ``api_auth``."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def api_logout(*, token: ApiToken, ip_address: str | None = None) -> None:
    """End the token the request was made with."""
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        audit_record(
            actor=token.user,
            action=AuditAction.ACCOUNT_API_LOGOUT,
            obj=token.user,
            ip_address=ip_address,
        )


def api_token_revoke(*, actor: User, token_id: int, ip_address: str | None = None) -> None:
    """End one of the actor's own tokens; another person's token is not found."""
    with transaction.atomic():
        revoked = ApiToken.objects.filter(pk=token_id, user=actor, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if not revoked:
            raise NotFound(
                AccountErrorCode.API_TOKEN_NOT_FOUND,
                _("This token does not exist or has already ended."),
            )
        audit_record(
            actor=actor,
            action=AuditAction.ACCOUNT_API_TOKEN_REVOKED,
            obj=actor,
            ip_address=ip_address,
            data={"token_id": token_id},
        )


def locked_out_message() -> str:
    return _(
        "Too many wrong passwords. For your security, logging in is paused for 15 minutes. "
        "Please wait and try again, or reset your password."
    )


# --- Staff management (admin dinas) --------------------------------------------------------


def _require_admin(actor: User) -> None:
    if actor.role != Role.ADMIN_DINAS or not actor.office_id or not actor.is_active:
        raise PermissionDenied(
            AccountErrorCode.NOT_OFFICE_ADMIN,
            _("Only the office administrator can manage staff accounts."),
        )


def _staff_of_actor_office(*, actor: User, staff_id: int) -> User:
    _require_admin(actor)
    assert actor.office_id is not None  # checked by _require_admin
    staff = (
        User.objects.select_for_update()
        .filter(pk=staff_id, office_id=actor.office_id, role__in=STAFF_ROLES)
        .first()
    )
    if staff is None:
        raise NotFound(
            AccountErrorCode.STAFF_NOT_FOUND, _("This staff account does not exist in your office.")
        )
    return staff


def staff_create(
    *,
    actor: User,
    email: str,
    full_name: str,
    role: str,
    phone: str = "",
    ip_address: str | None = None,
) -> User:
    """Create a staff account in the admin's own office and email a set-password link."""
    _require_admin(actor)
    if role not in STAFF_ROLES:
        raise DomainError(
            AccountErrorCode.INVALID_ROLE, _("Choose operator, office administrator or head.")
        )
    return _invited_account_create(
        actor=actor,
        email=email,
        full_name=full_name,
        role=role,
        phone=phone,
        office=actor.office,
        ip_address=ip_address,
    )


def office_first_admin_create(
    *,
    actor: User | None,
    office: Any,
    email: str,
    full_name: str,
    phone: str = "",
    ip_address: str | None = None,
) -> User:
    """The first administrator (admin dinas) of a new office, named by the installation
    administrator (``actor``; None from the shell command). A set-password link goes out
    through the outbox; the account sets up TOTP at its first login. Call it from
    ``offices.installation.office_create``, which checks the actor (ADR 0031)."""
    return _invited_account_create(
        actor=actor,
        email=email,
        full_name=full_name,
        role=Role.ADMIN_DINAS,
        phone=phone,
        office=office,
        ip_address=ip_address,
    )


def installation_admin_create(
    *, email: str, full_name: str, phone: str = "", ip_address: str | None = None
) -> User:
    """An installation administrator (from the shell: ``pencaker installation_admin_create``):
    no office, TOTP at every login, a set-password link by email (ADR 0031)."""
    return _invited_account_create(
        actor=None,
        email=email,
        full_name=full_name,
        role=Role.INSTALLATION_ADMIN,
        phone=phone,
        office=None,
        ip_address=ip_address,
    )


def _invited_account_create(
    *,
    actor: User | None,
    email: str,
    full_name: str,
    role: str,
    phone: str,
    office: Any,
    ip_address: str | None,
) -> User:
    email = _email_normalize(email)
    phone_e164 = _phone_or_error(phone) if phone.strip() else ""
    taken = DomainError(
        AccountErrorCode.EMAIL_TAKEN,
        _("An account with this email already exists."),
        fields={"email": [_("An account with this email already exists.")]},
    )
    with transaction.atomic():
        if User.objects.filter(email__iexact=email).exists():
            raise taken
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    email=email,
                    password=None,  # unusable until they follow the emailed link
                    full_name=name_clean(full_name),
                    phone=phone_e164,
                    role=role,
                    office=office,
                )
        except IntegrityError as exc:
            raise taken from exc
        audit_record(
            actor=actor,
            action=(
                AuditAction.INSTALLATION_ADMIN_CREATED
                if role == Role.INSTALLATION_ADMIN
                else AuditAction.STAFF_CREATED
            ),
            obj=user,
            office=office,
            ip_address=ip_address,
            data={"role": role, "email": email},
        )
        emails.staff_invitation_schedule(user=user, invited_by=actor)
    return user


def staff_deactivate(*, actor: User, staff_id: int, ip_address: str | None = None) -> User:
    with transaction.atomic():
        staff = _staff_of_actor_office(actor=actor, staff_id=staff_id)
        if staff.pk == actor.pk:
            raise DomainError(
                AccountErrorCode.CANNOT_DEACTIVATE_SELF,
                _("You cannot deactivate your own account."),
            )
        if staff.is_active:
            staff.is_active = False
            staff.save(update_fields=["is_active"])
            api_tokens_revoke_all(user=staff)
            audit_record(
                actor=actor,
                action=AuditAction.STAFF_DEACTIVATED,
                obj=staff,
                office=actor.office,
                ip_address=ip_address,
            )
    return staff


def staff_reactivate(*, actor: User, staff_id: int, ip_address: str | None = None) -> User:
    with transaction.atomic():
        staff = _staff_of_actor_office(actor=actor, staff_id=staff_id)
        if not staff.is_active:
            staff.is_active = True
            staff.save(update_fields=["is_active"])
            audit_record(
                actor=actor,
                action=AuditAction.STAFF_REACTIVATED,
                obj=staff,
                office=actor.office,
                ip_address=ip_address,
            )
    return staff


def staff_two_factor_reset(*, actor: User, staff_id: int, ip_address: str | None = None) -> User:
    """Remove the staff member's authenticator devices; they set up a new one at next login."""
    with transaction.atomic():
        staff = _staff_of_actor_office(actor=actor, staff_id=staff_id)
        removed = TOTPDevice.objects.filter(user=staff).delete()[0]
        removed += StaticDevice.objects.filter(user=staff).delete()[0]
        # A token issued after a TOTP code must not outlive the authenticator it relied on.
        api_tokens_revoke_all(user=staff)
        audit_record(
            actor=actor,
            action=AuditAction.STAFF_TWO_FACTOR_RESET,
            obj=staff,
            office=actor.office,
            ip_address=ip_address,
            data={"devices_removed": removed},
        )
    return staff


# --- Two-factor for the signed-in staff member ---------------------------------------------


def totp_device_pending(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator being set up (created on first visit)."""
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def totp_device_confirm(*, user: User, code: str, ip_address: str | None = None) -> TOTPDevice:
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed=False)
            .order_by("pk")
            .first()
        )
        if device is None:
            raise DomainError(
                AccountErrorCode.NO_PENDING_DEVICE,
                _("Start the authenticator set-up again from this page."),
            )
        _raise_if_throttled([device])
        if not device.verify_token(code.strip()):
            raise DomainError(
                AccountErrorCode.OTP_INVALID,
                _(
                    "The 6-digit code is wrong or too old. Check the time on your phone and "
                    "type the code that is shown now."
                ),
            )
        device.confirmed = True
        device.save()
        audit_record(
            actor=user,
            action=AuditAction.ACCOUNT_TWO_FACTOR_CONFIRMED,
            obj=user,
            office=user.office,
            ip_address=ip_address,
        )
    return device


def _raise_if_throttled(devices: Any) -> None:
    """After a wrong code django-otp refuses every code for a while (1, 2, 4 … seconds):
    say how long, instead of calling the next correct code wrong."""
    now = timezone.now()
    for device in devices:
        allowed, info = device.verify_is_allowed()
        locked_until = (info or {}).get("locked_until")
        if not allowed and locked_until is not None and locked_until > now:
            seconds = max(1, ceil((locked_until - now).total_seconds()))
            raise DomainError(
                AccountErrorCode.OTP_THROTTLED,
                ngettext(
                    "Too many wrong codes. Wait %(seconds)d second, then type the code the "
                    "app shows at that moment.",
                    "Too many wrong codes. Wait %(seconds)d seconds, then type the code the "
                    "app shows at that moment.",
                    seconds,
                )
                % {"seconds": seconds},
                status=429,
                details={"retry_after": seconds},
            )


def totp_code_check(*, user: User, code: str) -> Any:
    """The confirmed device that accepts ``code`` (TOTP or a static backup code), or raise."""
    _raise_if_throttled(TOTPDevice.objects.filter(user=user, confirmed=True))
    device = match_token(user, (code or "").strip())
    if device is None:
        raise DomainError(
            AccountErrorCode.OTP_INVALID,
            _(
                "The 6-digit code is wrong or too old. Check the time on your phone and type the "
                "code that is shown now."
            ),
        )
    return device


BACKUP_CODE_COUNT = 10


def backup_codes_issue(*, user: User, ip_address: str | None = None) -> list[str]:
    """Ten single-use backup codes for when the phone is not at hand; earlier ones end.
    Shown once; django-otp keeps them (``StaticDevice``) and ``match_token`` accepts them."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
        audit_record(
            actor=user,
            action=AuditAction.ACCOUNT_BACKUP_CODES_ISSUED,
            obj=user,
            office=user.office,
            ip_address=ip_address,
        )
    return codes
