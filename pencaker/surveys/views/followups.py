"""Staff pages of the follow-up plan (rencana tindak lanjut)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from pencaker.accounts.permissions import DECIDING_ROLES, staff_required
from pencaker.core.errors import DomainError
from pencaker.surveys import selectors, services
from pencaker.surveys.forms import FollowUpForm
from pencaker.surveys.views.common import (
    StaffRequest,
    staff_period,
)


def _followup_values(form: FollowUpForm) -> dict[str, str]:
    data = form.cleaned_data
    return {
        "element": data["element"],
        "action": data["action"],
        "quarter": data["quarter"],
        "person_responsible": data["person_responsible"],
        "status": data["status"],
        "cited_complaints": data["cited_complaints"],
    }


def _weak_codes(period) -> list[str]:
    return [e.code for e in selectors.period_results(period).weakest]


@staff_required(roles=DECIDING_ROLES)
@require_http_methods(["GET", "POST"])
def followup_add(request: StaffRequest, pk: int) -> HttpResponse:
    period = staff_period(request, pk)
    weak_codes = _weak_codes(period)
    initial = {"quarter": f"{period.end_date.year + 1}-Q1"}
    element = request.GET.get("unsur", "")
    initial["element"] = element if element in weak_codes else (weak_codes or ["U1"])[0]
    form = FollowUpForm(request.POST or None, period=period, weak_codes=weak_codes, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.followup_create(actor=request.user, period=period, **_followup_values(form))
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("The follow-up action was added to the plan."))
            return redirect(reverse("surveys:results", kwargs={"pk": period.pk}) + "#plan")
    return render(
        request,
        "surveys/followup_form.html",
        {"form": form, "period": period, "followup": None},
        status=400 if form.errors else 200,
    )


def _staff_followup(request: StaffRequest, pk: int):
    followup = selectors.followup_for_staff(user=request.user, pk=pk)
    if followup is None:
        raise Http404
    return followup


@staff_required(roles=DECIDING_ROLES)
@require_http_methods(["GET", "POST"])
def followup_edit(request: StaffRequest, pk: int) -> HttpResponse:
    followup = _staff_followup(request, pk)
    period = followup.period
    form = FollowUpForm(
        request.POST or None,
        period=period,
        weak_codes=_weak_codes(period),
        current_quarter=followup.quarter,
        initial={
            "element": followup.element,
            "action": followup.action,
            "quarter": followup.quarter,
            "person_responsible": followup.person_responsible,
            "status": followup.status,
            "cited_complaints": followup.cited_complaints,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.followup_update(
                actor=request.user, followup=followup, **_followup_values(form)
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("The follow-up action was saved."))
            return redirect(reverse("surveys:results", kwargs={"pk": period.pk}) + "#plan")
    return render(
        request,
        "surveys/followup_form.html",
        {"form": form, "period": period, "followup": followup},
        status=400 if form.errors else 200,
    )


@staff_required(roles=DECIDING_ROLES)
@require_http_methods(["GET", "POST"])
def followup_delete(request: StaffRequest, pk: int) -> HttpResponse:
    followup = _staff_followup(request, pk)
    period = followup.period
    if request.method == "POST":
        services.followup_delete(actor=request.user, followup=followup)
        messages.success(request, _("The follow-up action was removed from the plan."))
        return redirect(reverse("surveys:results", kwargs={"pk": period.pk}) + "#plan")
    return render(request, "surveys/followup_delete.html", {"followup": followup, "period": period})
