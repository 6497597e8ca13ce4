"""Account emails, rendered into the notifications outbox inside the caller's transaction.

Delivery starts after commit and is retried by the outbox. Each dedupe key names one
request through its one-time token: a retried request (same token) is the same message,
a new request (a new token) sends again.

The emails anyone can ask for by typing an address (verification link, password reset,
"you already have an account") are limited per address and per account
(``PENCAKER_ACCOUNT_EMAIL_LIMIT`` in ``PENCAKER_ACCOUNT_EMAIL_WINDOW_MINUTES``): beyond the
limit the request is answered as usual and nothing is queued, so a flood of requests
cannot fill someone's inbox. The outbox rows are the count.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from pencaker.accounts.models import User
from pencaker.accounts.verification import MAX_AGE_SECONDS, verification_token_make
from pencaker.core.links import absolute_url
from pencaker.notifications.models import Channel, Notification
from pencaker.notifications.services import dedupe_part, notification_queue_templated


def _queue(*, user: User, template: str, token: str, context: dict[str, Any]) -> None:
    # Rendered now, in the request's language; delivered only if the transaction commits.
    notification_queue_templated(
        channel=Channel.EMAIL,
        recipient=user.email or "",
        kind=f"account.{template}",
        template=f"accounts/email/{template}",
        context={"user": user, **context},
        language=None,
        dedupe_key=f"account.{template}:{user.pk}:{dedupe_part(token)}",
    )


LIMITED_TEMPLATES = ("verify_email", "password_reset", "signup_existing")


def _within_limit(user: User) -> bool:
    """Whether one more self-service email may go to ``user`` now. Call inside a
    transaction: the account row is locked so parallel requests count one after another."""
    User.objects.select_for_update().filter(pk=user.pk).first()
    since = timezone.now() - dt.timedelta(minutes=settings.PENCAKER_ACCOUNT_EMAIL_WINDOW_MINUTES)
    per_account = Q()
    for template in LIMITED_TEMPLATES:
        per_account |= Q(dedupe_key__startswith=f"account.{template}:{user.pk}:")
    queued = Notification.objects.filter(
        Q(recipient__iexact=user.email) | per_account,
        kind__in=[f"account.{template}" for template in LIMITED_TEMPLATES],
        created_at__gte=since,
    ).count()
    return queued < settings.PENCAKER_ACCOUNT_EMAIL_LIMIT


def verification_email_schedule(*, user: User) -> None:
    with transaction.atomic():
        if _within_limit(user):
            _verification_email_queue(user=user)


def _verification_email_queue(*, user: User) -> None:
    token = verification_token_make(user_id=user.pk, email=user.email or "")
    _queue(
        user=user,
        template="verify_email",
        token=token,
        context={
            "url": absolute_url(reverse("accounts:verify_email", args=[token])),
            "token": token,
            "valid_days": MAX_AGE_SECONDS // 86400,
        },
    )


def _set_password_url(uid: str, token: str) -> str:
    return absolute_url(reverse("accounts:password_reset_confirm", args=[uid, token]))


def staff_invitation_schedule(*, user: User, invited_by: User | None) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    _queue(
        user=user,
        template="staff_invitation",
        token=token,
        context={
            "office": user.office,
            "invited_by": invited_by,
            "role": user.get_role_display(),
            "url": _set_password_url(uid, token),
        },
    )


def password_reset_schedule(*, user: User, uid: str, token: str) -> None:
    """The "choose a new password" email (Django's reset form hands over uid and token)."""
    with transaction.atomic():
        if _within_limit(user):
            _queue(
                user=user,
                template="password_reset",
                token=token,
                context={"uid": uid, "token": token, "url": _set_password_url(uid, token)},
            )


def signup_existing_schedule(*, user: User) -> None:
    """Someone signed up with ``user``'s address: tell the owner (not the person signing
    up) how to log in or reset the password."""
    with transaction.atomic():
        if _within_limit(user):
            _queue(
                user=user,
                template="signup_existing",
                token=uuid.uuid4().hex,  # each attempt is its own message; the limit caps them
                context={
                    "login_url": absolute_url(reverse("accounts:login")),
                    "reset_url": absolute_url(reverse("accounts:password_reset")),
                },
            )
