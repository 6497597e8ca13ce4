"""Background work for applications: the status emails, sent after commit.

Run by django-tasks (database backend in production, so a failed send stays in the queue
table with its error and can be retried by the worker).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from pencaker.applications.models import Application

EVENTS = frozenset({"submitted", "resubmitted", "returned", "approved", "rejected"})


@task()
def send_application_email(application_id: int, event: str) -> int:
    if event not in EVENTS:
        return 0
    application = (
        Application.objects.select_related("applicant", "office").filter(pk=application_id).first()
    )
    if application is None or not application.applicant.email:
        return 0
    from pencaker.applications.selectors import application_return_items

    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "application": application,
            "office": application.office,
            "items": application_return_items(application),
            "status_url": settings.SITE_URL.rstrip("/")
            + f"/permohonan/{application.tracking_number}/",
        }
        subject = render_to_string(f"applications/email/{event}_subject.txt", context)
        body = render_to_string(f"applications/email/{event}.txt", context)
    return send_mail(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [application.applicant.email],
    )
