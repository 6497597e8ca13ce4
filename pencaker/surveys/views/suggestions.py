"""Staff page of the respondents' suggestions (saran) of a period: read, tag, link to the
follow-up plan, write an anonymised extract to publish."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from pencaker.accounts.permissions import can_decide, staff_required
from pencaker.core.errors import DomainError
from pencaker.surveys import selectors, services
from pencaker.surveys.forms import SuggestionReviewForm
from pencaker.surveys.views.common import StaffRequest, staff_period


def _initial(response) -> dict[str, object]:
    review = getattr(response, "suggestion_review", None)
    if review is None:
        return {"response": response.pk}
    return {
        "response": response.pk,
        "tags": ", ".join(tag.name for tag in review.tags.all()),
        "followup": str(review.followup_id or ""),
        "extract": review.extract,
        "publish_extract": review.extract_published,
    }


@staff_required
@require_http_methods(["GET", "POST"])
def suggestions(request: StaffRequest, pk: int) -> HttpResponse:
    period = staff_period(request, pk)
    followups = list(selectors.followups_for_period(period))
    can_write = can_decide(request.user, period.office_id)
    posted = None
    if request.method == "POST":
        if not can_write:
            raise Http404
        # Each row's fields get their own ids (several forms on one page).
        posted = SuggestionReviewForm(
            request.POST,
            followups=followups,
            auto_id=f"s{request.POST.get('response', '')[:12]}_%s",
        )
        if posted.is_valid():
            try:
                services.suggestion_review_save(
                    actor=request.user,
                    period=period,
                    response_id=posted.cleaned_data["response"],
                    tags=posted.tag_names(),
                    followup_id=posted.cleaned_data["followup"] or None,
                    extract=posted.cleaned_data["extract"],
                    publish_extract=posted.cleaned_data["publish_extract"],
                )
            except DomainError as exc:
                if exc.status == 404:
                    raise Http404 from None
                posted.add_error(None, exc.message)
            else:
                messages.success(request, _("The suggestion has been saved."))
                return redirect("surveys:suggestions", pk=period.pk)
    rows = []
    for response in selectors.period_suggestions(period):
        if posted is not None and posted.data.get("response") == str(response.pk):
            form = posted
        else:
            form = SuggestionReviewForm(
                initial=_initial(response), followups=followups, auto_id=f"s{response.pk}_%s"
            )
        rows.append((response, form))
    return render(
        request,
        "surveys/suggestions.html",
        {
            "period": period,
            "rows": rows,
            "tag_counts": selectors.period_suggestion_tag_counts(period),
            "can_write": can_write,
        },
        status=400 if posted is not None and posted.errors else 200,
    )
