"""Background work for applications: issue the card once an application is approved.

``application_approve`` schedules it with ONE call inside its transaction
(``schedule_card_issue``), which enqueues only after commit, so a rolled-back approval
issues nothing; the task is idempotent, so a retry or a second enqueue issues nothing twice
(see ``services.application_card_issue``).
"""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from pencaker.applications import services
from pencaker.applications.choices import Status
from pencaker.applications.models import Application


@task()
def issue_card_for_application(application_id: int) -> str:
    application = (
        Application.objects.select_related("office", "applicant", "decided_by")
        .filter(pk=application_id)
        .first()
    )
    if application is None or application.status != Status.APPROVED:
        return ""
    card = services.application_card_issue(application=application, actor=application.decided_by)
    return f"{card.number} v{card.version}"


def schedule_card_issue(application_id: int) -> None:
    transaction.on_commit(lambda: issue_card_for_application.enqueue(application_id))
