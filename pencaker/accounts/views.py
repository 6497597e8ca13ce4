"""Account pages: sign-up, email verification, login, two-factor, staff management."""

from __future__ import annotations

from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_otp import login as otp_login

from pencaker.accounts import phone_codes, selectors, services
from pencaker.accounts.forms import (
    CounterPasswordForm,
    EmailAddForm,
    LoginForm,
    OtpCodeForm,
    PasswordResetRequestForm,
    PhoneCodeForm,
    PhoneResetForm,
    PhoneResetRequestForm,
    PhoneSignupForm,
    ResendVerificationForm,
    SignupForm,
    StaffCreateForm,
)
from pencaker.accounts.models import TOTP_ROLES, Role
from pencaker.accounts.permissions import staff_required
from pencaker.accounts.staff_menu import staff_links_for
from pencaker.core.audit import client_ip
from pencaker.core.errors import DomainError

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _safe_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


# --- Sign-up and email verification --------------------------------------------------------


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(selectors.landing_url_for(request.user))
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_signup(
                email=data["email"],
                phone=data["phone"],
                full_name=data["full_name"],
                password=data["password1"],
                consent=data["consent"],
                ip_address=client_ip(request),
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            # The same page either way; an address that already had an account is not
            # logged in (its owner was emailed instead).
            if user is not None:
                login(request, user, backend=MODEL_BACKEND)
            request.session[SIGNUP_EMAIL_KEY] = data["email"]
            return redirect("accounts:signup_done")
    return render(request, "accounts/signup.html", {"form": form})


SIGNUP_EMAIL_KEY = "accounts.signup_email"


def signup_done(request: HttpRequest) -> HttpResponse:
    email = request.session.get(SIGNUP_EMAIL_KEY)
    if request.user.is_authenticated:
        email = request.user.email
    if not email:
        return redirect("accounts:signup")
    return render(
        request,
        "accounts/signup_done.html",
        {
            "email": email,
            "verified": request.user.is_authenticated and selectors.email_is_verified(request.user),
            "next_url": selectors.landing_url_for(request.user)
            if request.user.is_authenticated
            else reverse("accounts:login"),
        },
    )


def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user = services.user_verify_email(token=token)
    except DomainError as exc:
        return render(
            request, "accounts/verify_email_failed.html", {"error": exc.message}, status=400
        )
    return render(
        request,
        "accounts/verify_email_done.html",
        {"verified_user": user, "next_url": selectors.landing_url_for(request.user)},
    )


def resend_verification(request: HttpRequest) -> HttpResponse:
    initial = {}
    if request.user.is_authenticated:
        initial["email"] = request.user.email
    form = ResendVerificationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.verification_email_resend(email=form.cleaned_data["email"])
        messages.success(
            request,
            _(
                "If an unconfirmed account uses this address, we have sent a new link. Check "
                "your inbox and the spam folder."
            ),
        )
        return redirect("accounts:resend_verification")
    return render(request, "accounts/resend_verification.html", {"form": form})


# --- Phone-first sign-up and password reset (ADR 0027) --------------------------------------

PHONE_SIGNUP_KEY = "accounts.phone_signup"
PHONE_RESET_KEY = "accounts.phone_reset"


def _code_page_context(form, phone: str) -> dict:
    return {"form": form, "phone": phone, "minutes": settings.PENCAKER_PHONE_CODE_MINUTES}


def signup_phone(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(selectors.landing_url_for(request.user))
    form = PhoneSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            phone_codes.phone_signup_start(
                phone=data["phone"],
                full_name=data["full_name"],
                password=data["password1"],
                consent=data["consent"],
                ip_address=client_ip(request),
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            request.session[PHONE_SIGNUP_KEY] = data["phone"]
            return redirect("accounts:signup_phone_code")
    return render(request, "accounts/signup_phone.html", {"form": form})


def signup_phone_code(request: HttpRequest) -> HttpResponse:
    phone = request.session.get(PHONE_SIGNUP_KEY)
    if not phone:
        return redirect("accounts:signup_phone")
    form = PhoneCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = phone_codes.phone_signup_verify(
                phone=phone, code=form.cleaned_data["code"], ip_address=client_ip(request)
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            request.session.pop(PHONE_SIGNUP_KEY, None)
            login(request, user, backend=MODEL_BACKEND)
            messages.success(request, _("Your account is ready. Welcome!"))
            return redirect(selectors.landing_url_for(user))
    return render(request, "accounts/signup_phone_code.html", _code_page_context(form, phone))


def password_reset_phone(request: HttpRequest) -> HttpResponse:
    form = PhoneResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["phone"]
        try:
            phone_codes.phone_password_reset_start(phone=phone, ip_address=client_ip(request))
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            request.session[PHONE_RESET_KEY] = phone
            return redirect("accounts:password_reset_phone_code")
    return render(request, "accounts/password_reset_phone.html", {"form": form})


def password_reset_phone_code(request: HttpRequest) -> HttpResponse:
    phone = request.session.get(PHONE_RESET_KEY)
    if not phone:
        return redirect("accounts:password_reset_phone")
    form = PhoneResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            phone_codes.phone_password_reset_finish(
                phone=phone,
                code=form.cleaned_data["code"],
                password=form.cleaned_data["password1"],
                ip_address=client_ip(request),
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            request.session.pop(PHONE_RESET_KEY, None)
            return redirect("accounts:password_reset_complete")
    return render(
        request, "accounts/password_reset_phone_code.html", _code_page_context(form, phone)
    )


def counter_password(request: HttpRequest) -> HttpResponse:
    """A citizen registered at the counter without email chooses a password: number, the
    code from the SMS or the slip, and the date of birth (ADR 0032)."""
    form = CounterPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            phone_codes.counter_password_set(
                phone=data["phone"],
                code=data["code"],
                birth_date=data["birth_date"],
                password=data["password1"],
                ip_address=client_ip(request),
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            return redirect("accounts:password_reset_complete")
    return render(request, "accounts/counter_password.html", {"form": form})


@login_required
def email_add(request: HttpRequest) -> HttpResponse:
    """Add (or change) the email of the signed-in account; confirmed by the emailed link."""
    form = EmailAddForm(request.POST or None, initial={"email": request.user.email or ""})
    if request.method == "POST" and form.is_valid():
        phone_codes.user_email_add(
            user=request.user, email=form.cleaned_data["email"], ip_address=client_ip(request)
        )
        messages.success(
            request,
            _(
                "If the address can be used, we have sent a link to it. Open the link to "
                "confirm the address; until then messages still come by SMS."
            ),
        )
        return redirect("accounts:email_add")
    return render(request, "accounts/email_add.html", {"form": form})


# --- Login, landing ---------------------------------------------------------------------------


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = False

    def get_success_url(self) -> str:
        user = self.request.user
        if user.role in TOTP_ROLES:
            url = reverse("accounts:two_factor")
            next_url = self.get_redirect_url()
            return f"{url}?{urlencode({'next': next_url})}" if next_url else url
        return self.get_redirect_url() or selectors.landing_url_for(user)


@login_required
def landing(request: HttpRequest) -> HttpResponse:
    return redirect(selectors.landing_url_for(request.user))


# --- Two-factor (staff) -----------------------------------------------------------------------


def _qr_data_uri(uri: str) -> str:
    return segno.make(uri, error="m").svg_data_uri(scale=5, border=2)


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    user = request.user
    # Staff must use TOTP; employer accounts (owners must, members may) use the same flow.
    if user.role not in TOTP_ROLES and user.role != Role.EMPLOYER:
        return redirect(selectors.landing_url_for(user))
    next_url = _safe_next(request) or selectors.landing_url_for(user)
    if user.is_verified():
        return HttpResponseRedirect(next_url)
    form = OtpCodeForm(request.POST or None)
    setting_up = not selectors.staff_has_confirmed_device(user)
    if request.method == "POST" and form.is_valid():
        try:
            if setting_up:
                device = services.totp_device_confirm(
                    user=user, code=form.cleaned_data["code"], ip_address=client_ip(request)
                )
            else:
                device = services.totp_code_check(user=user, code=form.cleaned_data["code"])
        except DomainError as exc:
            form.add_error("code", exc.message)
        else:
            otp_login(request, device)
            if setting_up:
                codes = services.backup_codes_issue(user=user, ip_address=client_ip(request))
                # Shown once, on the next page, as a message (never stored in plain).
                messages.warning(
                    request,
                    _(
                        "Your backup codes (each works once; keep them safe, away from your "
                        "phone, and type one instead of the 6-digit code when the phone is "
                        "not at hand): %(codes)s"
                    )
                    % {"codes": " · ".join(codes)},
                )
            return HttpResponseRedirect(next_url)
    context = {"form": form, "setting_up": setting_up, "next": _safe_next(request) or ""}
    if setting_up:
        device = services.totp_device_pending(user=user)
        context["qr_data_uri"] = _qr_data_uri(device.config_url)
        context["secret"] = b32encode(device.bin_key).decode("ascii").rstrip("=")
    status = 400 if form.errors else 200
    return render(request, "accounts/two_factor.html", context, status=status)


# --- Staff dashboard and staff management ------------------------------------------------------


@staff_required
def staff_home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/staff_home.html",
        {"links": staff_links_for(request.user.role, request.user)},
    )


admin_required = staff_required(roles={Role.ADMIN_DINAS})


@admin_required
def staff_list(request: HttpRequest) -> HttpResponse:
    staff = selectors.staff_list_for_office(office_id=request.user.office_id)
    return render(request, "accounts/staff_list.html", {"staff": staff})


@admin_required
def staff_create(request: HttpRequest) -> HttpResponse:
    form = StaffCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.staff_create(
                actor=request.user, ip_address=client_ip(request), **form.cleaned_data
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(
                request,
                _("Account created. %(email)s has been sent a link to set a password.")
                % {"email": user.email},
            )
            return redirect("accounts:staff_list")
    return render(request, "accounts/staff_create.html", {"form": form})


def _staff_action(request: HttpRequest, staff_id: int, action, done_message: str) -> HttpResponse:
    try:
        action(actor=request.user, staff_id=staff_id, ip_address=client_ip(request))
    except DomainError as exc:
        if exc.status == 404:
            return render(request, "accounts/staff_not_found.html", status=404)
        messages.error(request, exc.message)
    else:
        messages.success(request, done_message)
    return redirect("accounts:staff_list")


@require_GET
@admin_required
def staff_deactivate_confirm(request: HttpRequest, staff_id: int) -> HttpResponse:
    """Asks to confirm (a page, so it works without JavaScript); its form deactivates."""
    member = selectors.staff_get_for_office(office_id=request.user.office_id, staff_id=staff_id)
    if member is None:
        return render(request, "accounts/staff_not_found.html", status=404)
    return render(
        request,
        "confirm.html",
        {
            "title": _("Deactivate the account of %(name)s?")
            % {"name": member.full_name or member.email},
            "text": _("%(email)s can no longer log in. You can reactivate the account later.")
            % {"email": member.email},
            "button": _("Yes, deactivate"),
            "action_url": reverse("accounts:staff_deactivate", args=[member.pk]),
            "cancel_url": reverse("accounts:staff_list"),
        },
    )


@require_POST
@admin_required
def staff_deactivate(request: HttpRequest, staff_id: int) -> HttpResponse:
    return _staff_action(
        request, staff_id, services.staff_deactivate, _("The account has been deactivated.")
    )


@require_POST
@admin_required
def staff_reactivate(request: HttpRequest, staff_id: int) -> HttpResponse:
    return _staff_action(
        request, staff_id, services.staff_reactivate, _("The account has been reactivated.")
    )


@require_POST
@admin_required
def staff_reset_two_factor(request: HttpRequest, staff_id: int) -> HttpResponse:
    return _staff_action(
        request,
        staff_id,
        services.staff_two_factor_reset,
        _(
            "Two-factor authentication has been reset. The person sets up a new authenticator "
            "at their next login."
        ),
    )


# --- Password reset and change (Django's views, our templates) --------------------------------

password_reset = auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset_form.html",
    form_class=PasswordResetRequestForm,
    success_url=reverse_lazy("accounts:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
password_change = auth_views.PasswordChangeView.as_view(
    template_name="accounts/password_change_form.html",
    success_url=reverse_lazy("accounts:password_change_done"),
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name="accounts/password_change_done.html"
)
