"""The job seeker's home (overview), the history and the data download."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from pencaker.accounts.permissions import seeker_required
from pencaker.seekers import selectors, services
from pencaker.seekers.choices import Section
from pencaker.seekers.extensions import home_panels
from pencaker.seekers.views._common import _profile

# --- overview, history, download ------------------------------------------------------


@require_GET
@seeker_required
def overview(request: HttpRequest) -> HttpResponse:
    profile = _profile(request)
    completeness = selectors.profile_completeness(request.user)
    return render(
        request,
        "seekers/overview.html",
        {
            "profile": profile,
            "completeness": completeness,
            "education": profile.education.all(),
            "sections": _sections(),
            "panels": home_panels(request),
        },
    )


def _sections() -> list[tuple[str, str]]:
    return [
        ("seekers:identity", Section.IDENTITY.label),
        ("seekers:address", Section.ADDRESS.label),
        ("seekers:contact", Section.CONTACT.label),
        ("seekers:education", Section.EDUCATION.label),
        ("seekers:training", Section.TRAINING.label),
        ("seekers:experience", Section.EXPERIENCE.label),
        ("seekers:skills", Section.SKILLS.label),
        ("seekers:languages", Section.LANGUAGES.label),
        ("seekers:preferences", Section.PREFERENCES.label),
        ("seekers:disability", Section.DISABILITY.label),
    ]


@require_GET
@seeker_required
def history(request: HttpRequest) -> HttpResponse:
    profile = _profile(request)
    return render(
        request,
        "seekers/history.html",
        {"rows": selectors.profile_history(profile), "profile": profile, "staff_view": False},
    )


@require_http_methods(["GET", "POST"])
@seeker_required
def data_download(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "seekers/data_download.html")
    data = services.seeker_data_export(actor=request.user, user=request.user)
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="pencaker-data-saya-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response
