"""Background work for cards: render and sign a re-issued version after commit.

Issuing the card of an approved application is orchestrated by the applications app
(``applications.tasks.issue_card_for_application``), which calls this app's services.
"""

from __future__ import annotations

from django_tasks import task

from pencaker.cards import services
from pencaker.cards.models import Card


@task()
def render_card_version(card_id: int) -> str:
    """Render and sign a re-issued version whose PDF is not stored yet (idempotent)."""
    card = Card.objects.select_related("office", "holder").filter(pk=card_id).first()
    if card is None or card.has_pdf:
        return ""
    card = services.card_render(card=card)
    return f"{card.number} v{card.version}"
