"""Input shape for the account pages (and, for sign-up, the API too)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core import validators
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pencaker.accounts import emails
from pencaker.accounts.models import Role, User
from pencaker.accounts.phone import phone_normalize
from pencaker.core.forms import DomainErrorFormMixin


class SignupForm(DomainErrorFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("We send a link to this address to confirm it is yours."),
        error_messages={
            "required": _("Please enter your email address."),
            "invalid": _("Write the email address like nama@contoh.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=25,
        help_text=_("For example 0812 3456 7890."),
        error_messages={"required": _("Please enter your mobile number.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        help_text=_("As written on your KTP."),
        error_messages={"required": _("Please enter your full name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=_("At least 8 characters; not only numbers and not a common password."),
        error_messages={"required": _("Please choose a password.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        help_text=_("Type the same password again, to avoid typing mistakes."),
        error_messages={"required": _("Please type the password again.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my data is used as described."),
        error_messages={"required": _("Please tick this box to agree to the privacy notice.")},
    )

    def clean_email(self) -> str:
        # Whether an account has this email is not said here: ``user_signup`` answers
        # "check your email" either way and mails the owner.
        return self.cleaned_data["email"].strip().lower()

    def clean_phone(self) -> str:
        return phone_normalize(self.cleaned_data["phone"])

    def clean_full_name(self) -> str:
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise ValidationError(_("Please enter your full name."), code="required")
        return name

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error(
                "password2", ValidationError(_("The two passwords are not the same."), "mismatch")
            )
        elif p1:
            probe = User(email=cleaned.get("email") or "", full_name=cleaned.get("full_name") or "")
            try:
                password_validation.validate_password(p1, probe)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


class LoginForm(AuthenticationForm):
    """Email (or a verified mobile number, ADR 0027) and password. The field keeps Django's
    name ``username`` (django-axes reads it)."""

    username = forms.CharField(
        label=_("Email or mobile number"),
        max_length=254,
        error_messages={"required": _("Please enter your email address.")},
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _(
            "The email or password is wrong. Check both and try again, or use “Forgot password”."
        ),
        "inactive": _("This account is not active. Please contact the office."),
    }

    def clean_username(self) -> str:
        value = self.cleaned_data["username"].strip()
        if "@" in value:
            try:
                validators.validate_email(value)
            except ValidationError as exc:
                raise ValidationError(
                    _("Write the email address like nama@contoh.com."), code="invalid"
                ) from exc
            return value.lower()
        try:
            return phone_normalize(value)
        except ValidationError as exc:
            raise ValidationError(
                _("Write your email address (nama@contoh.com) or mobile number (0812 3456 7890)."),
                code="invalid",
            ) from exc


class ResendVerificationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        error_messages={
            "required": _("Please enter your email address."),
            "invalid": _("Write the email address like nama@contoh.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class OtpCodeForm(forms.Form):
    code = forms.CharField(
        label=_("6-digit code from the authenticator app"),
        max_length=16,
        error_messages={"required": _("Please type the code shown in the authenticator app.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not code.isalnum():
            raise ValidationError(_("The code has only digits, for example 123456."))
        return code


STAFF_ROLE_CHOICES = [
    (Role.OPERATOR.value, Role.OPERATOR.label),
    (Role.ADMIN_DINAS.value, Role.ADMIN_DINAS.label),
    (Role.PIMPINAN.value, Role.PIMPINAN.label),
    (Role.COMPLAINTS_OFFICER.value, Role.COMPLAINTS_OFFICER.label),
]


class StaffCreateForm(DomainErrorFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        error_messages={
            "required": _("Please enter the email address."),
            "invalid": _("Write the email address like nama@contoh.com."),
        },
    )
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        error_messages={"required": _("Please enter the full name.")},
    )
    phone = forms.CharField(label=_("Mobile number (optional)"), max_length=25, required=False)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=STAFF_ROLE_CHOICES,
        error_messages={"invalid_choice": _("Choose one of the roles in the list.")},
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("An account with this email already exists."))
        return email

    def clean_phone(self) -> str:
        phone = self.cleaned_data.get("phone", "").strip()
        return phone_normalize(phone) if phone else ""


class PasswordResetRequestForm(PasswordResetForm):
    """Django's "forgot password" form, with the email queued in the notifications outbox
    (retried, deduplicated, links from ``SITE_URL``) instead of sent on the spot."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        emails.password_reset_schedule(
            user=context["user"], uid=context["uid"], token=context["token"]
        )


def _password_pair_check(form: forms.Form, cleaned: dict, probe: User) -> None:
    p1, p2 = cleaned.get("password1"), cleaned.get("password2")
    if p1 and p2 and p1 != p2:
        form.add_error(
            "password2", ValidationError(_("The two passwords are not the same."), "mismatch")
        )
    elif p1:
        try:
            password_validation.validate_password(p1, probe)
        except ValidationError as exc:
            form.add_error("password1", exc)


def _phone_field() -> forms.CharField:
    return forms.CharField(
        label=_("Mobile number"),
        max_length=25,
        help_text=_("For example 0812 3456 7890. We send a 6-digit code to this number by SMS."),
        error_messages={"required": _("Please enter your mobile number.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )


def _password_fields() -> tuple[forms.CharField, forms.CharField]:
    return (
        forms.CharField(
            label=_("Password"),
            strip=False,
            help_text=_("At least 8 characters; not only numbers and not a common password."),
            error_messages={"required": _("Please choose a password.")},
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        ),
        forms.CharField(
            label=_("Password again"),
            strip=False,
            help_text=_("Type the same password again, to avoid typing mistakes."),
            error_messages={"required": _("Please type the password again.")},
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        ),
    )


def _code_field() -> forms.CharField:
    return forms.CharField(
        label=_("6-digit code from the SMS"),
        max_length=12,
        error_messages={"required": _("Please type the code from the SMS.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _code_clean(value: str) -> str:
    code = "".join(value.split())
    if not code.isdigit() or len(code) != 6:
        raise ValidationError(_("The code has 6 digits, for example 123456."), code="invalid")
    return code


class PhoneSignupForm(DomainErrorFormMixin, forms.Form):
    """Sign-up with a mobile number alone (ADR 0027); email can be added later."""

    phone = _phone_field()
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        help_text=_("As written on your KTP."),
        error_messages={"required": _("Please enter your full name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password1, password2 = _password_fields()
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my data is used as described."),
        error_messages={"required": _("Please tick this box to agree to the privacy notice.")},
    )

    def clean_phone(self) -> str:
        return phone_normalize(self.cleaned_data["phone"])

    def clean_full_name(self) -> str:
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise ValidationError(_("Please enter your full name."), code="required")
        return name

    def clean(self):
        cleaned = super().clean()
        _password_pair_check(self, cleaned, User(full_name=cleaned.get("full_name") or ""))
        return cleaned


class PhoneCodeForm(DomainErrorFormMixin, forms.Form):
    code = _code_field()

    def clean_code(self) -> str:
        return _code_clean(self.cleaned_data["code"])


class PhoneResetRequestForm(DomainErrorFormMixin, forms.Form):
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=25,
        help_text=_("The number you log in with. We send a 6-digit code to it by SMS."),
        error_messages={"required": _("Please enter your mobile number.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )

    def clean_phone(self) -> str:
        return phone_normalize(self.cleaned_data["phone"])


class PhoneResetForm(DomainErrorFormMixin, forms.Form):
    code = _code_field()
    password1, password2 = _password_fields()

    def clean_code(self) -> str:
        return _code_clean(self.cleaned_data["code"])

    def clean(self):
        cleaned = super().clean()
        _password_pair_check(self, cleaned, User())
        return cleaned


class CounterPasswordForm(DomainErrorFormMixin, forms.Form):
    """The citizen registered at the counter chooses a password with the code from the SMS
    or the printed slip (ADR 0032)."""

    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=25,
        help_text=_("The number you gave at the counter."),
        error_messages={"required": _("Please enter your mobile number.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    code = forms.CharField(
        label=_("6-digit code from the SMS or the slip"),
        max_length=12,
        error_messages={"required": _("Please type the code from the SMS or the slip.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    birth_date = forms.DateField(
        label=_("Date of birth"),
        help_text=_("As on your KTP."),
        error_messages={
            "required": _("Please enter your date of birth."),
            "invalid": _("Enter the date like 17/05/2001."),
        },
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    password1, password2 = _password_fields()

    def clean_phone(self) -> str:
        return phone_normalize(self.cleaned_data["phone"])

    def clean_code(self) -> str:
        return _code_clean(self.cleaned_data["code"])

    def clean(self):
        cleaned = super().clean()
        _password_pair_check(self, cleaned, User())
        return cleaned


class EmailAddForm(DomainErrorFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("We send a link to this address to confirm it is yours."),
        error_messages={
            "required": _("Please enter your email address."),
            "invalid": _("Write the email address like nama@contoh.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
