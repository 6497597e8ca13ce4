"""Auth operations of the HTTP API, mounted at /api/v1/auth.

Errors answer ``{"code", "message", "details"}``; field errors are in ``details.fields``
with the same Indonesian messages as the sign-up page.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from pencaker.accounts import phone_codes, selectors, services
from pencaker.accounts.api_auth import TokenAuth
from pencaker.accounts.errors import AccountErrorCode
from pencaker.accounts.forms import PhoneCodeForm, PhoneSignupForm, SignupForm
from pencaker.accounts.models import Role
from pencaker.core.audit import client_ip
from pencaker.core.error_schema import ErrorOut
from pencaker.core.errors import DomainError

router = Router(tags=["auth"])


class RegisterIn(Schema):
    email: str
    phone: str
    full_name: str
    password: str
    consent: bool = False


class UserOut(Schema):
    id: int
    email: str
    phone: str
    full_name: str
    role: str
    email_verified: bool


class RegisteredOut(Schema):
    """What sign-up answers, whether or not the email already had an account (then its
    owner is emailed instead), so the answer does not tell who has an account."""

    email: str
    phone: str
    full_name: str
    role: str
    email_verified: bool


class VerifyEmailIn(Schema):
    token: str


class LoginIn(Schema):
    email: str
    password: str
    otp_code: str = ""


class ApiTokenOut(Schema):
    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    current: bool


class TokenOut(Schema):
    token: str
    token_type: str = "bearer"  # noqa: S105
    user: UserOut


def _user_out(user) -> dict[str, Any]:
    return {
        "id": user.pk,
        "email": user.email or "",
        "phone": user.phone,
        "full_name": user.full_name,
        "role": user.role,
        "email_verified": user.email_verified_at is not None,
    }


@router.post(
    "/register",
    operation_id="auth_register",
    response={201: RegisteredOut, 400: ErrorOut},
    summary="Create a job-seeker account and send the verification email",
    description=(
        "An email that already has an account gets the same answer; its owner is emailed "
        "how to log in or reset the password instead."
    ),
)
def auth_register(request, payload: RegisterIn):
    form = SignupForm(
        data={
            "email": payload.email,
            "phone": payload.phone,
            "full_name": payload.full_name,
            "password1": payload.password,
            "password2": payload.password,
            "consent": "on" if payload.consent else "",
        }
    )
    if not form.is_valid():
        fields = {
            ("password" if name in {"password1", "password2"} else name): [str(e) for e in errors]
            for name, errors in form.errors.items()
        }
        raise DomainError(
            AccountErrorCode.VALIDATION_ERROR,
            _("Some fields need fixing. See the message next to each field."),
            fields=fields,
        )
    data = form.cleaned_data
    services.user_signup(
        email=data["email"],
        phone=data["phone"],
        full_name=data["full_name"],
        password=data["password1"],
        consent=data["consent"],
        ip_address=client_ip(request),
    )
    return Status(
        201,
        {
            "email": data["email"],
            "phone": data["phone"],
            "full_name": data["full_name"],
            "role": Role.JOB_SEEKER,
            "email_verified": False,
        },
    )


class RegisterPhoneIn(Schema):
    phone: str
    full_name: str
    password: str
    consent: bool = False


class CodeSentOut(Schema):
    """Whether or not the number already had an account (then its owner is told by SMS
    instead), so the answer does not tell who has an account."""

    phone: str
    code_valid_minutes: int


class VerifyPhoneIn(Schema):
    phone: str
    code: str


def _form_or_error(form) -> dict[str, Any]:
    if not form.is_valid():
        fields = {
            ("password" if name in {"password1", "password2"} else name): [str(e) for e in errors]
            for name, errors in form.errors.items()
        }
        raise DomainError(
            AccountErrorCode.VALIDATION_ERROR,
            _("Some fields need fixing. See the message next to each field."),
            fields=fields,
        )
    return form.cleaned_data


@router.post(
    "/register-phone",
    operation_id="auth_register_phone",
    response={202: CodeSentOut, 400: ErrorOut, 429: ErrorOut},
    summary="Start a sign-up with a mobile number only: a 6-digit code is sent by SMS",
    description=(
        "Nothing is created until auth_verify_phone confirms the code (ADR 0027). Codes "
        "expire, accept 5 wrong tries, and are limited per number and per client address."
    ),
)
def auth_register_phone(request, payload: RegisterPhoneIn):
    data = _form_or_error(
        PhoneSignupForm(
            data={
                "phone": payload.phone,
                "full_name": payload.full_name,
                "password1": payload.password,
                "password2": payload.password,
                "consent": "on" if payload.consent else "",
            }
        )
    )
    phone_codes.phone_signup_start(
        phone=data["phone"],
        full_name=data["full_name"],
        password=data["password1"],
        consent=data["consent"],
        ip_address=client_ip(request),
    )
    return Status(
        202, {"phone": data["phone"], "code_valid_minutes": settings.PENCAKER_PHONE_CODE_MINUTES}
    )


@router.post(
    "/verify-phone",
    operation_id="auth_verify_phone",
    response={201: TokenOut, 400: ErrorOut},
    summary="Confirm the sign-up code: the account is created and a bearer token issued",
)
def auth_verify_phone(request, payload: VerifyPhoneIn):
    phone = services.phone_or_error(payload.phone)
    code = _form_or_error(PhoneCodeForm(data={"code": payload.code}))["code"]
    user = phone_codes.phone_signup_verify(phone=phone, code=code, ip_address=client_ip(request))
    token = services.api_token_for_new_account(user=user)
    return Status(201, {"token": token, "token_type": "bearer", "user": _user_out(user)})


@router.post(
    "/verify-email",
    operation_id="auth_verify_email",
    response={200: UserOut, 400: ErrorOut},
    summary="Confirm an email address with the token from the verification link",
)
def auth_verify_email(request, payload: VerifyEmailIn):
    user = services.user_verify_email(token=payload.token.strip())
    return Status(200, _user_out(user))


@router.post(
    "/login",
    operation_id="auth_login",
    response={200: TokenOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 429: ErrorOut},
    summary="Exchange email and password (and, for staff, a TOTP code) for a bearer token",
)
def auth_login(request, payload: LoginIn):
    try:
        user, token = services.api_login(
            request=request,
            email=payload.email,
            password=payload.password,
            otp_code=payload.otp_code,
        )
    finally:
        # The JSON error above already tells the client; stop django-axes' middleware from
        # replacing it with the HTML lockout page.
        request.axes_locked_out = False
    return Status(200, {"token": token, "token_type": "bearer", "user": _user_out(user)})


@router.post(
    "/logout",
    auth=TokenAuth(),
    operation_id="auth_logout",
    response={204: None, 401: ErrorOut},
    summary="End the token this request is sent with",
)
def auth_logout(request):
    services.api_logout(token=request.api_token, ip_address=client_ip(request))
    return Status(204, None)


@router.get(
    "/tokens",
    auth=TokenAuth(),
    operation_id="auth_token_list",
    response={200: list[ApiTokenOut], 401: ErrorOut},
    summary="The caller's tokens that still work (never their values)",
)
def auth_token_list(request):
    current = request.api_token.pk
    return [
        {
            "id": token.pk,
            "name": token.name,
            "created_at": token.created_at,
            "last_used_at": token.last_used_at,
            "expires_at": token.expires_at,
            "current": token.pk == current,
        }
        for token in selectors.api_token_list_for(user=request.auth)
    ]


@router.delete(
    "/tokens/{token_id}",
    auth=TokenAuth(),
    operation_id="auth_token_revoke",
    response={204: None, 401: ErrorOut, 404: ErrorOut},
    summary="End one of the caller's tokens",
)
def auth_token_revoke(request, token_id: int):
    services.api_token_revoke(actor=request.auth, token_id=token_id, ip_address=client_ip(request))
    return Status(204, None)
