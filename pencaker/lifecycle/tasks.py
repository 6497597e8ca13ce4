"""Background work: render re-issued card versions; the daily lifecycle rules."""

from __future__ import annotations

import datetime as dt

from django_tasks import task


@task()
def render_card_version(card_id: int) -> str:
    from pencaker.cards.models import Card
    from pencaker.cards.services import card_render

    card = Card.objects.select_related("office", "holder").filter(pk=card_id).first()
    if card is None or card.has_pdf:
        return ""
    card = card_render(card=card)
    return f"{card.number} v{card.version}"


@task()
def lifecycle_daily_task(today: str | None = None) -> dict[str, int]:
    """The daily run (schedule it once a day; running it twice changes nothing)."""
    from django.utils import timezone

    from pencaker.lifecycle.services import lifecycle_daily

    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    return lifecycle_daily(today=day).as_dict()
