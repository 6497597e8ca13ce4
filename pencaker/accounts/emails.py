"""Account emails, rendered into the notifications outbox inside the caller's transaction.

Delivery starts after commit and is retried by the outbox. Each dedupe key names one
request through its one-time token: a retried request (same token) is the same message,
a new request (a new token) sends again.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from pencaker.accounts.models import User
from pencaker.accounts.verification import MAX_AGE_SECONDS, verification_token_make
from pencaker.core.links import absolute_url
from pencaker.notifications.models import Channel
from pencaker.notifications.services import dedupe_part, notification_queue_templated


def _queue(*, user: User, template: str, token: str, context: dict[str, Any]) -> None:
    # Rendered now, in the request's language; delivered only if the transaction commits.
    notification_queue_templated(
        channel=Channel.EMAIL,
        recipient=user.email,
        kind=f"account.{template}",
        template=f"accounts/email/{template}",
        context={"user": user, **context},
        language=None,
        dedupe_key=f"account.{template}:{user.pk}:{dedupe_part(token)}",
    )


def verification_email_schedule(*, user: User) -> None:
    token = verification_token_make(user_id=user.pk, email=user.email)
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


def staff_invitation_schedule(*, user: User, invited_by: User) -> None:
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
    _queue(
        user=user,
        template="password_reset",
        token=token,
        context={"uid": uid, "token": token, "url": _set_password_url(uid, token)},
    )
