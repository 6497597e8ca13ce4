"""Background work for cards: issue the card once an application is approved.

The applications app schedules it with ONE call inside ``application_approve``'s
transaction (after the approval is saved)::

    from pencaker.cards.tasks import schedule_card_issue
    schedule_card_issue(application.pk)

``schedule_card_issue`` enqueues only after commit, so a rolled-back approval issues
nothing; the task is idempotent, so a retry or a second enqueue issues nothing twice.
"""

from __future__ import annotations

from django.db import transaction
from django_tasks import task


@task()
def issue_card_for_application(application_id: int) -> str:
    from pencaker.applications.models import Application
    from pencaker.cards.services import card_issue

    application = (
        Application.objects.select_related("office", "applicant", "decided_by")
        .filter(pk=application_id)
        .first()
    )
    if application is None or application.status != "approved":
        return ""
    card = card_issue(application=application, actor=application.decided_by)
    return f"{card.number} v{card.version}"


def schedule_card_issue(application_id: int) -> None:
    transaction.on_commit(lambda: issue_card_for_application.enqueue(application_id))


@task()
def render_card_version(card_id: int) -> str:
    """Render and sign a re-issued version whose PDF is not stored yet (idempotent)."""
    from pencaker.cards.models import Card
    from pencaker.cards.services import card_render

    card = Card.objects.select_related("office", "holder").filter(pk=card_id).first()
    if card is None or card.has_pdf:
        return ""
    card = card_render(card=card)
    return f"{card.number} v{card.version}"
