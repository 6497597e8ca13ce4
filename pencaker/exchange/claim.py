"""Imported holders claim their account: NIK + birth date + a one-time code.

The code goes to the mobile number the holder gives (SMS, through the notifications
outbox and its gateway) or, without one, to the email address they give; that email
becomes their login. Answers never say whether a NIK exists (the start step answers the
same either way), codes are stored as keyed hashes, expire after 15 minutes, allow 5
attempts, and at most 3 codes are sent per account and per address per hour.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.accounts.models import User
from pencaker.cards.models import Card
from pencaker.cards.services import CURRENT_STATUSES
from pencaker.cards.tasks import render_card_version
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import DomainError
from pencaker.exchange.errors import ExchangeErrorCode
from pencaker.exchange.models import ClaimCode
from pencaker.notifications.models import Channel
from pencaker.notifications.services import dedupe_part, notification_queue_templated
from pencaker.regions.nik import normalize_nik
from pencaker.seekers.models import JobSeekerProfile
from pencaker.seekers.services.imported import is_unclaimed_email

CODE_TTL = dt.timedelta(minutes=15)
MAX_ATTEMPTS = 5
MAX_SENDS_PER_HOUR = 3


def _hash(code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), code.encode(), hashlib.sha256).hexdigest()


def _limited(**filters) -> bool:
    since = timezone.now() - dt.timedelta(hours=1)
    return ClaimCode.objects.filter(created_at__gte=since, **filters).count() >= MAX_SENDS_PER_HOUR


def claim_start(*, nik: str, birth_date: dt.date, email: str, phone: str = "") -> int | None:
    """Send a code if an unclaimed imported account has this NIK and birth date; returns
    the claim id (None when nothing matched: the caller answers the same either way)."""
    email = email.strip().lower()
    address = phone or email
    if _limited(address=address):
        raise DomainError(
            ExchangeErrorCode.CLAIM_RATE_LIMITED,
            _("Too many codes were sent; try again in an hour."),
            status=429,
        )
    profile = (
        JobSeekerProfile.objects.select_related("user")
        .filter(nik=normalize_nik(nik), birth_date=birth_date)
        .first()
    )
    if profile is None or not is_unclaimed_email(profile.user.email or ""):
        return None
    if _limited(user=profile.user):
        raise DomainError(
            ExchangeErrorCode.CLAIM_RATE_LIMITED,
            _("Too many codes were sent; try again in an hour."),
            status=429,
        )
    if email and User.objects.filter(email=email).exclude(pk=profile.user_id).exists():
        return None  # the email is someone else's login; say nothing more
    code = f"{secrets.randbelow(10**6):06d}"
    with transaction.atomic():
        claim = ClaimCode.objects.create(
            user=profile.user,
            channel=Channel.SMS if phone else Channel.EMAIL,
            address=address,
            code_hash=_hash(code),
            expires_at=timezone.now() + CODE_TTL,
        )
        notification_queue_templated(
            channel=claim.channel,
            recipient=address,
            kind="exchange.claim_code",
            template="exchange/email/claim_code",
            context={"code": code, "minutes": int(CODE_TTL.total_seconds() // 60)},
            language=None,
            dedupe_key=f"exchange.claim:{claim.pk}:{dedupe_part(code)}",
            erase_after_delivery=True,
        )
    return claim.pk


def claim_finish(*, claim_id: int, code: str, email: str, password: str, phone: str = "") -> User:
    """Check the code; on success the account gets ``email`` as login, the password and
    (with a phone) the number, and the holder's card is rendered in the background."""
    with transaction.atomic():
        claim = ClaimCode.objects.select_for_update().filter(pk=claim_id).first()
        wrong = DomainError(
            ExchangeErrorCode.CLAIM_CODE_WRONG,
            _("The code is wrong or has expired. Ask for a new code."),
            fields={"code": [_("The code is wrong or has expired.")]},
        )
        if claim is None or claim.used_at or claim.expires_at < timezone.now():
            raise wrong
        if claim.attempts >= MAX_ATTEMPTS:
            raise wrong
        if not hmac.compare_digest(claim.code_hash, _hash(code)):
            claim.attempts += 1
            claim.save(update_fields=["attempts"])
            raise_after = wrong
        else:
            raise_after = None
        if raise_after is None:
            user = User.objects.select_for_update().get(pk=claim.user_id)
            wanted = email.strip().lower()
            if not is_unclaimed_email(user.email or "") or (
                wanted and User.objects.filter(email=wanted).exclude(pk=user.pk).exists()
            ):
                raise DomainError(
                    ExchangeErrorCode.CLAIM_NOT_FOUND,
                    _("This account was already claimed or the email is in use."),
                    status=409,
                )
            now = timezone.now()
            if claim.channel == Channel.SMS:
                # The code proved the number: it becomes the login (ADR 0032), with or
                # without an email beside it.
                if (
                    User.objects.filter(phone=claim.address, phone_verified_at__isnull=False)
                    .exclude(pk=user.pk)
                    .exists()
                ):
                    raise DomainError(
                        ExchangeErrorCode.CLAIM_NOT_FOUND,
                        _("This account was already claimed or the email is in use."),
                        status=409,
                    )
                user.phone = claim.address
                user.phone_verified_at = now
            user.email = email.strip().lower() or None
            user.email_verified_at = now if claim.channel == Channel.EMAIL else None
            if phone:
                user.phone = phone
            user.set_password(password)
            user.save()
            claim.used_at = now
            claim.save(update_fields=["used_at"])
            audit_record(
                actor=user,
                action=AuditAction.EXCHANGE_ACCOUNT_CLAIMED,
                obj=user,
                data={"channel": claim.channel},
            )
            card_ids = list(
                Card.objects.filter(holder=user, status__in=CURRENT_STATUSES, pdf="").values_list(
                    "pk", flat=True
                )
            )
            for card_id in card_ids:
                transaction.on_commit(lambda card_id=card_id: render_card_version.enqueue(card_id))
    if raise_after is not None:
        raise raise_after
    return user
