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
from pencaker.notifications.services import notification_message, notification_queue_new
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
    rows = {
        r.user_id: r
        for r in MatchProfile.objects.filter(user_id__in=user_ids, alerts_enabled=True)
        .select_related("user")
        .only("user_id", "alerts_enabled", "user__email", "user__phone", "user__email_verified_at")
    }
    items: dict[int, list[AlertItem]] = {}
    for item in (
        AlertItem.objects.filter(user_id__in=user_ids, sent_on__isnull=True)
        .select_related("vacancy", "vacancy__organisation", "vacancy__location")
        .order_by("user_id", "-score", "vacancy_id")
    ):
        items.setdefault(item.user_id, []).append(item)
    today = timezone.localdate()
    done: list[int] = []
    for user_id in user_ids:
        waiting = items.get(user_id, [])
        row = rows.get(user_id)
        if row is None:
            # Alerts switched off: nothing is sent, the items are closed unsent.
            done.extend(i.pk for i in waiting)
            continue
        if user_id in had_today:
            result.waiting += 1
            continue
        open_items = [
            i
            for i in waiting
            if i.vacancy.status == VacancyStatus.PUBLISHED and i.vacancy.closing_date >= today
        ]
        if open_items and _digest_queue(row, open_items[:DIGEST_MAX_ITEMS], day):
            result.sent += 1
        done.extend(i.pk for i in waiting)
    AlertItem.objects.filter(pk__in=done).update(sent_on=day)


def _digest_queue(row: MatchProfile, items: list[AlertItem], day: dt.date) -> bool:
    user = row.user
    context = {
        "items": [
            {
                "title": i.vacancy.title,
                "organisation": i.vacancy.organisation.legal_name,
                "place": getattr(i.vacancy.location, "name", ""),
                "score": i.score,
                "url": absolute_url(reverse("vacancies:detail", args=[i.vacancy_id])),
            }
            for i in items
        ],
        "count": len(items),
        "list_url": absolute_url(reverse("matching:recommendations")),
        "unsubscribe_url": unsubscribe_url(user),
    }
    key = f"matching_digest:{user.pk}:{day.isoformat()}"
    if user.email_verified_at or not user.phone:
        channel, recipient = Channel.EMAIL, user.email
    else:
        channel, recipient = Channel.SMS, user.phone
    message = notification_message(
        channel=channel,
        recipient=recipient,
        kind="matching.digest",
        template="matching/email/digest",
        context=context,
        dedupe_key=key,
        language=settings.LANGUAGE_CODE,
    )
    return notification_queue_new([message]) > 0
