"""The public questionnaire by invitation link, and the published results."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from pencaker.core.errors import DomainError
from pencaker.surveys import selectors, services
from pencaker.surveys.forms import QuestionnaireForm
from pencaker.surveys.views.common import (
    OFFICE_CODE_RE,
    message_page,
)


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_by_token(token)
    if invitation is None:
        return message_page(
            request,
            _("Survey link not valid"),
            _("This survey link is not valid. Please check that you copied the whole link."),
            status=404,
        )
    if invitation.used_at is not None:
        return message_page(
            request,
            _("Already answered"),
            _("This survey link has already been used. Thank you for your answers!"),
        )
    if invitation.is_expired:
        return message_page(request, _("Survey closed"), _("This survey link has expired."))
    questions = selectors.questionnaire_for_office(invitation.office)
    form = QuestionnaireForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_answer(
                token=invitation.token, answers=form.answers(), profile=form.profile()
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("surveys:thanks")
    return render(
        request,
        "surveys/answer.html",
        {"form": form, "office": invitation.office},
        status=400 if form.errors else 200,
    )


def thanks(request: HttpRequest) -> HttpResponse:
    return message_page(
        request,
        _("Thank you!"),
        _("Your answers have been saved. They help the office improve its service."),
    )


def public_results(request: HttpRequest) -> HttpResponse:
    periods = selectors.published_periods()
    office_code = request.GET.get("kantor", "")
    if office_code:
        # Shape-check before the lookup: PostgreSQL refuses NUL bytes in a query.
        if OFFICE_CODE_RE.fullmatch(office_code):
            periods = periods.filter(office__code=office_code)
        else:
            periods = periods.none()
    shown = [selectors.period_results(p) for p in periods[:20]]
    # Suggestions: counts per tag and the extracts staff published, never the text.
    suggestions = {
        item.period.pk: {
            "total": selectors.period_suggestion_total(item.period),
            "tags": selectors.period_suggestion_tag_counts(item.period),
            "extracts": selectors.period_published_extracts(item.period),
        }
        for item in shown
    }
    rows = [(item, suggestions[item.period.pk]) for item in shown]
    return render(request, "surveys/public_results.html", {"shown": shown, "rows": rows})
