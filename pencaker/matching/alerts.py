"""Vacancy alerts: a published vacancy is scored against the seekers with alerts on (the
SQL prefilter first, in keyset chunks), those at or above ``ALERT_THRESHOLD`` get an
``AlertItem``, and each seeker receives at most one digest a day with every waiting item.

Both steps run in the background worker (the publish request only enqueues the task after
commit). Memory stays bounded: rows are read ``CHUNK`` at a time and each chunk of digests
is written in its own transaction. The outbox's dedupe key
``matching_digest:<user>:<day>`` makes a second digest the same day impossible even if two
runs overlap; what arrives after the day's digest waits for the next day's run (the daily
scheduler job).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from pencaker.core.links import absolute_url
from pencaker.matching import selectors
from pencaker.matching.models import AlertItem, MatchProfile
from pencaker.matching.scoring import ALERT_THRESHOLD
from pencaker.matching.services import unsubscribe_url
from pencaker.notifications.models import Channel
from pencaker.notifications.services import (
    OutgoingMessage,
    notification_message,
    notification_queue_bulk,
)
from pencaker.vacancies.choices import Status as VacancyStatus
from pencaker.vacancies.models import Vacancy

CHUNK = 1000
DIGEST_MAX_ITEMS = 10


def vacancy_alerts_run(*, vacancy_id: int) -> int:
    """Record the matches of one published vacancy; returns how many."""
    vacancy = (
        Vacancy.objects.select_related("occupation", "location", "office")
        .filter(pk=vacancy_id, status=VacancyStatus.PUBLISHED)
        .first()
    )
    if vacancy is None:
        return 0
    count, batch = 0, []
    rows = selectors.scored_rows_at_least(vacancy, flag="alerts_enabled", at_least=ALERT_THRESHOLD)
    for _pk, user_id, points in rows:
        batch.append(AlertItem(user_id=user_id, vacancy_id=vacancy.pk, score=points))
        if len(batch) >= CHUNK:
            count += len(AlertItem.objects.bulk_create(batch, ignore_conflicts=True))
            batch = []
    if batch:
        count += len(AlertItem.objects.bulk_create(batch, ignore_conflicts=True))
    return count


@dataclass
class DigestResult:
    sent: int = 0
    waiting: int = 0


def digests_send(*, day: dt.date | None = None) -> DigestResult:
    """One digest per seeker with waiting items and alerts still on, at most one a day."""
    day = day or timezone.localdate()
    result = DigestResult()
    last = 0
    while True:
        user_ids = list(
            AlertItem.objects.filter(sent_on__isnull=True, user_id__gt=last)
            .order_by("user_id")
            .values_list("user_id", flat=True)
            .distinct()[:CHUNK]
        )
        if not user_ids:
            return result
        last = user_ids[-1]
        with transaction.atomic():
            _digest_chunk(user_ids, day, result)


def _digest_chunk(user_ids: list[int], day: dt.date, result: DigestResult) -> None:
    had_today = set(
        AlertItem.objects.filter(user_id__in=user_ids, sent_on=day).values_list(
            "user_id", flat=True
        )
    )
    recipients = {
        user_id: (email, phone, verified)
        for user_id, email, phone, verified in MatchProfile.objects.filter(
            user_id__in=user_ids, alerts_enabled=True
        ).values_list("user_id", "user__email", "user__phone", "user__email_verified_at")
    }
    items: dict[int, list[tuple[int, int, int]]] = {}  # user → [(item, vacancy, score)]
    for pk, user_id, vacancy_id, points in (
        AlertItem.objects.filter(user_id__in=user_ids, sent_on__isnull=True)
        .order_by("user_id", "-score", "vacancy_id")
        .values_list("pk", "user_id", "vacancy_id", "score")
    ):
        items.setdefault(user_id, []).append((pk, vacancy_id, points))
    shown = _open_vacancies({v for waiting in items.values() for _i, v, _s in waiting})
    done: list[int] = []
    messages = []
    for user_id in user_ids:
        waiting = items.get(user_id, [])
        contact = recipients.get(user_id)
        if contact is None:
            # Alerts switched off: nothing is sent, the items are closed unsent.
            done.extend(i for i, _v, _s in waiting)
            continue
        if user_id in had_today:
            result.waiting += 1
            continue
        open_items = [(v, points) for _i, v, points in waiting if v in shown]
        if open_items:
            messages.append(
                _digest_message(user_id, contact, open_items[:DIGEST_MAX_ITEMS], shown, day)
            )
        done.extend(i for i, _v, _s in waiting)
    result.sent += notification_queue_bulk(messages)
    AlertItem.objects.filter(pk__in=done).update(sent_on=day)


def _open_vacancies(vacancy_ids: set[int]) -> dict[int, dict[str, str]]:
    """What a digest says of each vacancy still open today (read once per chunk)."""
    today = timezone.localdate()
    return {
        pk: {
            "title": title,
            "organisation": organisation,
            "place": place or "",
            "url": absolute_url(reverse("vacancies:detail", args=[pk])),
        }
        for pk, title, organisation, place in Vacancy.objects.filter(
            pk__in=vacancy_ids, status=VacancyStatus.PUBLISHED, closing_date__gte=today
        ).values_list("pk", "title", "organisation__legal_name", "location__name")
    }


def _digest_message(
    user_id: int,
    contact: tuple[str, str, dt.datetime | None],
    items: list[tuple[int, int]],
    shown: dict[int, dict[str, str]],
    day: dt.date,
) -> OutgoingMessage:
    email, phone, verified = contact
    context = {
        "items": [{**shown[vacancy_id], "score": points} for vacancy_id, points in items],
        "count": len(items),
        "list_url": absolute_url(reverse("matching:recommendations")),
        "unsubscribe_url": unsubscribe_url(_User(user_id)),
    }
    if verified or not phone:
        channel, recipient = Channel.EMAIL, email
    else:
        channel, recipient = Channel.SMS, phone
    return notification_message(
        channel=channel,
        recipient=recipient,
        kind="matching.digest",
        template="matching/email/digest",
        context=context,
        dedupe_key=f"matching_digest:{user_id}:{day.isoformat()}",
        language=settings.LANGUAGE_CODE,
    )


@dataclass(frozen=True)
class _User:
    """What ``unsubscribe_url`` reads of a user (its key), without loading the row."""

    pk: int
