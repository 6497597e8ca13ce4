"""Phone-first accounts (ADR 0027): one-time codes by SMS/WhatsApp for sign-up and for
password reset, sent through the notifications outbox.

The account is created only when the sign-up code is verified: until then the name, the
password hash and the consent wait in the ``PhoneCode`` row, so a number nobody proved
never blocks its owner. Codes expire after ``PENCAKER_PHONE_CODE_MINUTES``, accept
``PENCAKER_PHONE_CODE_ATTEMPTS`` wrong tries, and are limited per number (the account-email
limit) and per client address. A number that already has an account gets, instead of a
code, a message saying so: the answer to the person signing up is the same either way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import uuid

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.accounts.consent import CONSENT_VERSION
from pencaker.accounts.errors import AccountErrorCode
from pencaker.accounts.models import PhoneCode, PhoneCodePurpose, Role, User
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import DomainError
from pencaker.core.links import absolute_url
from pencaker.core.text import name_clean
from pencaker.notifications.models import Channel
from pencaker.notifications.services import dedupe_part, notification_queue_templated

CODE_DIGITS = 6


def _code_hash(code: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"phone-code:{code}".encode(), hashlib.sha256
    ).hexdigest()


def _window_start() -> dt.datetime:
    return timezone.now() - dt.timedelta(minutes=settings.PENCAKER_ACCOUNT_EMAIL_WINDOW_MINUTES)


def send_limit_error() -> DomainError:
    minutes = settings.PENCAKER_ACCOUNT_EMAIL_WINDOW_MINUTES
    return DomainError(
        AccountErrorCode.PHONE_CODE_SEND_LIMIT,
        _(
            "Too many codes were sent to this number or from this device. Wait %(minutes)d "
            "minutes, then ask for a new code."
        )
        % {"minutes": minutes},
        status=429,
        details={"retry_after": minutes * 60},
    )


def _check_send_limits(*, phone: str, ip_address: str | None) -> None:
    since = _window_start()
    # Lock the number's recent rows so parallel requests count one after another.
    per_number = list(
        PhoneCode.objects.select_for_update()
        .filter(phone=phone, created_at__gte=since)
        .values_list("pk", flat=True)
    )
    if len(per_number) >= settings.PENCAKER_ACCOUNT_EMAIL_LIMIT:
        raise send_limit_error()
    if ip_address:
        per_address = PhoneCode.objects.filter(ip_address=ip_address, created_at__gte=since).count()
        if per_address >= settings.PENCAKER_PHONE_CODE_IP_LIMIT:
            raise send_limit_error()


def _verified_owner(phone: str) -> User | None:
    return User.objects.filter(phone=phone, phone_verified_at__isnull=False).first()


def _send(*, phone: str, template: str, context: dict, key: str) -> None:
    # A code is a secret: its message leaves the outbox once delivered (as claim codes do).
    notification_queue_templated(
        erase_after_delivery=template == "phone_code",
        channel=Channel.SMS,
        recipient=phone,
        kind=f"account.{template}",
        template=f"accounts/sms/{template}",
        context=context,
        language=None,
        dedupe_key=f"account.{template}:{dedupe_part(key)}",
    )


def _code_new(*, purpose: str, phone: str, ip_address: str | None, payload: dict) -> str:
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    row = PhoneCode.objects.create(
        purpose=purpose,
        phone=phone,
        code_hash=_code_hash(code),
        ip_address=ip_address,
        payload=payload,
        expires_at=timezone.now() + dt.timedelta(minutes=settings.PENCAKER_PHONE_CODE_MINUTES),
    )
    _send(
        phone=phone,
        template="phone_code",
        context={
            "code": code,
            "minutes": settings.PENCAKER_PHONE_CODE_MINUTES,
            "purpose": purpose,
        },
        key=f"{row.pk}:{code}",
    )
    return code


def phone_signup_start(
    *, phone: str, full_name: str, password: str, consent: bool, ip_address: str | None = None
) -> None:
    """Send a sign-up code to ``phone`` (already E.164, from the form). Nothing is created
    yet. A number that has an account gets a "you already have an account" SMS instead."""
    if not consent:
        raise DomainError(
            AccountErrorCode.CONSENT_REQUIRED,
            _("Please agree to the privacy notice to create an account."),
            fields={"consent": [_("This box must be ticked.")]},
        )
    with transaction.atomic():
        _check_send_limits(phone=phone, ip_address=ip_address)
        if _verified_owner(phone) is not None:
            # Counted like a code, so this path cannot flood the owner either.
            PhoneCode.objects.create(
                purpose=PhoneCodePurpose.SIGNUP,
                phone=phone,
                code_hash="",
                ip_address=ip_address,
                expires_at=timezone.now(),
                used_at=timezone.now(),
            )
            _send(phone=phone, template="phone_exists", context={}, key=uuid.uuid4().hex)
            return
        _code_new(
            purpose=PhoneCodePurpose.SIGNUP,
            phone=phone,
            ip_address=ip_address,
            payload={
                "full_name": name_clean(full_name),
                "password_hash": make_password(password),
                "consent_version": CONSENT_VERSION,
            },
        )


def _code_error(code: str) -> DomainError:
    messages = {
        AccountErrorCode.PHONE_CODE_INVALID: _(
            "The code is wrong. Check the 6 digits in the SMS and type them again."
        ),
        AccountErrorCode.PHONE_CODE_EXPIRED: _(
            "This code has expired or was already used. Ask for a new code."
        ),
        AccountErrorCode.PHONE_CODE_ATTEMPTS: _(
            "Too many wrong codes. This code no longer works: ask for a new code."
        ),
    }
    message = messages[AccountErrorCode(code)]
    return DomainError(code, message, fields={"code": [message]})


def _code_consume(*, purpose: str, phone: str, code: str) -> PhoneCode:
    """Use the latest live code of ``phone`` for ``purpose`` if ``code`` matches it. Runs
    in its own transaction (not inside the caller's), so a wrong code's attempt is counted
    even though the caller gets an error."""
    failure: str | None = None
    with transaction.atomic():
        row = (
            PhoneCode.objects.select_for_update()
            .filter(purpose=purpose, phone=phone)
            .exclude(code_hash="")
            .order_by("-created_at", "-pk")
            .first()
        )
        now = timezone.now()
        if row is None or row.used_at is not None or row.expires_at <= now:
            failure = AccountErrorCode.PHONE_CODE_EXPIRED
        elif row.attempts >= settings.PENCAKER_PHONE_CODE_ATTEMPTS:
            failure = AccountErrorCode.PHONE_CODE_ATTEMPTS
        elif not hmac.compare_digest(row.code_hash, _code_hash("".join(code.split()))):
            row.attempts += 1
            row.save(update_fields=["attempts"])
            failure = (
                AccountErrorCode.PHONE_CODE_ATTEMPTS
                if row.attempts >= settings.PENCAKER_PHONE_CODE_ATTEMPTS
                else AccountErrorCode.PHONE_CODE_INVALID
            )
        else:
            row.used_at = now
            row.save(update_fields=["used_at"])
    if failure is not None:
        raise _code_error(failure)
    assert row is not None
    return row


def phone_signup_verify(*, phone: str, code: str, ip_address: str | None = None) -> User:
    """Check the sign-up code and create the account (phone verified, no email)."""
    row = _code_consume(purpose=PhoneCodePurpose.SIGNUP, phone=phone, code=code)
    with transaction.atomic():
        payload = row.payload or {}
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    email=None,
                    password=None,
                    phone=phone,
                    phone_verified_at=timezone.now(),
                    full_name=payload.get("full_name", ""),
                    role=Role.JOB_SEEKER,
                    consent_at=row.created_at,
                    consent_version=payload.get("consent_version", CONSENT_VERSION),
                )
        except IntegrityError as exc:  # the number was verified by another sign-up meanwhile
            raise _code_error(AccountErrorCode.PHONE_CODE_EXPIRED) from exc
        user.password = payload.get("password_hash") or ""
        if not user.password:
            user.set_unusable_password()
        user.save(update_fields=["password"])
        audit_record(
            actor=user,
            action=AuditAction.ACCOUNT_PHONE_REGISTERED,
            obj=user,
            ip_address=ip_address,
            data={"consent_version": user.consent_version},
        )
    return user


def phone_password_reset_start(*, phone: str, ip_address: str | None = None) -> None:
    """Send a reset code if a verified account has this number; silent otherwise (the
    send limits apply either way, so the answer does not tell who has an account)."""
    with transaction.atomic():
        _check_send_limits(phone=phone, ip_address=ip_address)
        if _verified_owner(phone) is None:
            PhoneCode.objects.create(
                purpose=PhoneCodePurpose.PASSWORD_RESET,
                phone=phone,
                code_hash="",
                ip_address=ip_address,
                expires_at=timezone.now(),
                used_at=timezone.now(),
            )
            return
        _code_new(
            purpose=PhoneCodePurpose.PASSWORD_RESET, phone=phone, ip_address=ip_address, payload={}
        )


def phone_password_reset_finish(
    *, phone: str, code: str, password: str, ip_address: str | None = None
) -> User:
    _code_consume(purpose=PhoneCodePurpose.PASSWORD_RESET, phone=phone, code=code)
    with transaction.atomic():
        user = (
            User.objects.select_for_update()
            .filter(phone=phone, phone_verified_at__isnull=False, is_active=True)
            .first()
        )
        if user is None:
            raise _code_error(AccountErrorCode.PHONE_CODE_EXPIRED)
        user.set_password(password)
        user.save(update_fields=["password"])
        audit_record(
            actor=user,
            action=AuditAction.ACCOUNT_PASSWORD_RESET_BY_PHONE,
            obj=user,
            ip_address=ip_address,
        )
    return user


# --- Counter registration without email (ADR 0032) -----------------------------------------
# Staff register a citizen who has a mobile number and no email. The number was given in
# person with the KTP, so the account is created with it as its login; the citizen chooses
# the password with a one-time code sent by SMS or printed on a slip. The code's hash
# covers the citizen's birth date too: if a mistyped number's owner receives the SMS, the
# code alone does not open the account. Codes live PENCAKER_COUNTER_CODE_HOURS and accept
# PENCAKER_PHONE_CODE_ATTEMPTS wrong tries (a wrong birth date counts as one).

COUNTER_DELIVERIES = ("sms", "slip")


def _counter_secret(code: str, birth_date: dt.date) -> str:
    return f"{code}:{birth_date.isoformat()}"


def phone_account_create_at_counter(
    *, actor: User, phone: str, full_name: str, consent: bool, ip_address: str | None = None
) -> User:
    """The account of a citizen registered at the counter with a number and no email: the
    number is its login (verified in person), the password unusable until the citizen
    sets it with a counter code."""
    if not consent:
        raise DomainError(
            AccountErrorCode.CONSENT_REQUIRED,
            _("Please agree to the privacy notice to create an account."),
            fields={"consent": [_("This box must be ticked.")]},
        )
    taken = DomainError(
        AccountErrorCode.PHONE_TAKEN,
        _(
            "This number is already the login of an account. The citizen logs in with it "
            "(or chooses a new password by SMS on the login page)."
        ),
        fields={"phone": [_("This number already has an account.")]},
        status=409,
    )
    if _verified_owner(phone) is not None:
        raise taken
    now = timezone.now()
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=None,
                password=None,
                phone=phone,
                phone_verified_at=now,
                full_name=name_clean(full_name),
                role=Role.JOB_SEEKER,
                consent_at=now,
                consent_version=CONSENT_VERSION,
            )
    except IntegrityError as exc:  # the same number registered at the same moment
        raise taken from exc
    audit_record(
        actor=actor,
        action=AuditAction.ACCOUNT_COUNTER_REGISTERED,
        obj=user,
        ip_address=ip_address,
        data={"consent_version": CONSENT_VERSION, "email": False},
    )
    return user


def counter_code_issue(
    *,
    actor: User,
    user: User,
    birth_date: dt.date,
    delivery: str,
    ip_address: str | None = None,
) -> str:
    """A new one-time code for ``user`` to choose a password (earlier live ones stop
    working). ``delivery`` "sms" queues it to the account's number; "slip" only returns it
    (the caller prints it). Returns the code either way; limited per number like the other
    codes."""
    if delivery not in COUNTER_DELIVERIES:
        raise ValueError(f"unknown delivery {delivery!r}")
    phone = user.phone
    with transaction.atomic():
        _check_send_limits(phone=phone, ip_address=None)
        now = timezone.now()
        PhoneCode.objects.filter(
            purpose=PhoneCodePurpose.COUNTER_PASSWORD, phone=phone, used_at__isnull=True
        ).update(used_at=now)
        code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
        hours = settings.PENCAKER_COUNTER_CODE_HOURS
        row = PhoneCode.objects.create(
            purpose=PhoneCodePurpose.COUNTER_PASSWORD,
            phone=phone,
            code_hash=_code_hash(_counter_secret(code, birth_date)),
            ip_address=ip_address,
            payload={"user": user.pk, "delivery": delivery},
            expires_at=now + dt.timedelta(hours=hours),
        )
        if delivery == "sms":
            notification_queue_templated(
                erase_after_delivery=True,
                channel=Channel.SMS,
                recipient=phone,
                kind="account.counter_code",
                template="accounts/sms/counter_code",
                context={
                    "code": code,
                    "hours": hours,
                    "url": absolute_url(reverse("accounts:counter_password")),
                },
                language=None,
                dedupe_key=f"account.counter_code:{row.pk}:{dedupe_part(code)}",
            )
        audit_record(
            actor=actor,
            action=AuditAction.ACCOUNT_COUNTER_CODE_ISSUED,
            obj=user,
            ip_address=ip_address,
            data={"delivery": delivery, "code_id": row.pk},
        )
    return code


def counter_password_set(
    *,
    phone: str,
    code: str,
    birth_date: dt.date,
    password: str,
    ip_address: str | None = None,
) -> User:
    """The citizen chooses a password with the counter code (number + code + birth date)."""
    _code_consume(
        purpose=PhoneCodePurpose.COUNTER_PASSWORD,
        phone=phone,
        code=_counter_secret("".join(code.split()), birth_date),
    )
    with transaction.atomic():
        user = (
            User.objects.select_for_update()
            .filter(phone=phone, phone_verified_at__isnull=False, is_active=True)
            .first()
        )
        if user is None:
            raise _code_error(AccountErrorCode.PHONE_CODE_EXPIRED)
        user.set_password(password)
        user.save(update_fields=["password"])
        audit_record(
            actor=user,
            action=AuditAction.ACCOUNT_PASSWORD_SET_BY_COUNTER_CODE,
            obj=user,
            ip_address=ip_address,
        )
    return user


def phone_codes_pending_for(phone: str) -> bool:
    """Whether ``phone`` has a live sign-up code (the code page is shown only then)."""
    return PhoneCode.objects.filter(
        Q(purpose=PhoneCodePurpose.SIGNUP) & ~Q(code_hash=""),
        phone=phone,
        used_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).exists()


def user_email_add(*, user: User, email: str, ip_address: str | None = None) -> None:
    """A phone-first account adds an email later; it is verified by the usual link.

    An address that belongs to another account is not set: its owner is emailed instead
    ("someone used your address") and the caller answers as usual, so the page does not
    tell who has an account.
    """
    from pencaker.accounts import emails

    email = User.objects.normalize_email(email.strip()).lower()
    with transaction.atomic():
        owner = User.objects.filter(email__iexact=email).exclude(pk=user.pk).first()
        if owner is not None:
            emails.signup_existing_schedule(user=owner)
            return
        locked = User.objects.select_for_update().get(pk=user.pk)
        if (locked.email or "") == email and locked.email_verified_at is not None:
            return
        locked.email = email
        locked.email_verified_at = None
        try:
            with transaction.atomic():
                locked.save(update_fields=["email", "email_verified_at"])
        except IntegrityError:  # taken at the same moment
            return
        emails.verification_email_schedule(user=locked)
