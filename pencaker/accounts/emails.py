"""Account emails, built inside the transaction and sent after it commits."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from pencaker.accounts.models import User
from pencaker.accounts.verification import MAX_AGE_SECONDS, verification_token_make
from pencaker.core.links import absolute_url


def _send_after_commit(*, to: str, template: str, context: dict[str, Any]) -> None:
    # Rendered now, in the request's language; delivered only if the transaction commits.
    subject = render_to_string(f"accounts/email/{template}_subject.txt", context)
    body = render_to_string(f"accounts/email/{template}_body.txt", context)
    message = EmailMessage(subject=" ".join(subject.split()), body=body, from_email=None, to=[to])
    transaction.on_commit(message.send)


def verification_email_schedule(*, user: User) -> None:
    token = verification_token_make(user_id=user.pk, email=user.email)
    _send_after_commit(
        to=user.email,
        template="verify_email",
        context={
            "user": user,
            "url": absolute_url(reverse("accounts:verify_email", args=[token])),
            "token": token,
            "valid_days": MAX_AGE_SECONDS // 86400,
        },
    )


def staff_invitation_schedule(*, user: User, invited_by: User) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    _send_after_commit(
        to=user.email,
        template="staff_invitation",
        context={
            "user": user,
            "office": user.office,
            "invited_by": invited_by,
            "role": user.get_role_display(),
            "url": absolute_url(reverse("accounts:password_reset_confirm", args=[uid, token])),
        },
    )
