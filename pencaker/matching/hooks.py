"""Registrations with the apps below (ADR 12): refresh on profile change, alert run on
publish, the home panel, the staff menu."""

from __future__ import annotations

from django.db import transaction
from django.template.loader import render_to_string

HOME_PANEL_SIZE = 3


def _refresh(user_id: int) -> None:
    from pencaker.matching.models import MatchProfile
    from pencaker.matching.services import match_profile_refresh

    # Only seekers who use matching have a row to keep fresh.
    if MatchProfile.objects.filter(user_id=user_id).exists():
        match_profile_refresh(user_id=user_id)


def _published(vacancy) -> None:
    from pencaker.matching.tasks import vacancy_alerts_task

    vacancy_id = vacancy.pk
    transaction.on_commit(lambda: vacancy_alerts_task.enqueue(vacancy_id))


def _home_panel(request) -> str:
    from pencaker.matching import selectors, services

    row = services.match_profile_current(request.user)
    items = selectors.recommendations_for_seeker(request.user, row)[:HOME_PANEL_SIZE]
    return render_to_string(
        "matching/_home_panel.html", {"items": items, "row": row}, request=request
    )


def _vacancy_link(vacancy, audience: str):
    from django.urls import reverse
    from django.utils.translation import gettext as _

    if vacancy.status != "published":
        return None
    name = "matching:employer_candidates" if audience == "employer" else "matching:staff_candidates"
    return _("Matching candidates"), reverse(name, args=[vacancy.pk])


def register() -> None:
    from pencaker.seekers.extensions import home_panel_register, profile_change_listener_register
    from pencaker.vacancies.extensions import vacancy_link_register
    from pencaker.vacancies.services import vacancy_published_listener_register

    profile_change_listener_register(_refresh)
    vacancy_published_listener_register(_published)
    home_panel_register(_home_panel)
    vacancy_link_register(_vacancy_link)
