"""Staff pages of a survey period: the list, results, exports, publication, paper entry."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from pencaker.accounts.permissions import DECIDING_ROLES, staff_required
from pencaker.core.errors import DomainError
from pencaker.surveys import companions, pdf_report, selectors, services, trend_chart, xlsx_export
from pencaker.surveys.choices import Channel
from pencaker.surveys.forms import PeriodForm, QuestionnaireForm
from pencaker.surveys.views.common import (
    StaffRequest,
    staff_period,
)


@staff_required
@require_http_methods(["GET", "POST"])
def period_list(request: StaffRequest) -> HttpResponse:
    can_write = request.user.role in DECIDING_ROLES
    form = PeriodForm(request.POST or None)
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        if form.is_valid():
            try:
                period = services.period_create(
                    actor=request.user, office=request.user.office, **form.cleaned_data
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("The survey period was created."))
                return redirect("surveys:results", pk=period.pk)
    return render(
        request,
        "surveys/period_list.html",
        {
            "periods": selectors.periods_for_office(request.user.office),
            "form": form,
            "can_write": can_write,
        },
        status=400 if form.errors else 200,
    )


@staff_required
def results(request: StaffRequest, pk: int) -> HttpResponse:
    period = staff_period(request, pk)
    period_results = selectors.period_results(period)
    trend = selectors.office_trend(period.office)
    chart = trend_chart.build(
        [(entry.period.name, entry.result.converted_display) for entry in trend]
    )
    return render(
        request,
        "surveys/results.html",
        {
            "period": period,
            "results": period_results,
            "weak_codes": [e.code for e in period_results.weakest],
            "can_write": request.user.role in DECIDING_ROLES,
            "followups": selectors.followups_with_citations(request.user, period),
            "trend": trend,
            "chart": chart,
            "companions": companions.result_companions(
                period.office, period.start_date, period.end_date
            ),
        },
    )


def _download_name(period, extension: str) -> str:
    safe = slugify(period.name) or str(period.pk)
    return f"ikm-{slugify(period.office.code.replace('.', '-'))}-{safe}.{extension}"


@staff_required
def export_xlsx(request: StaffRequest, pk: int) -> HttpResponse:
    period = staff_period(request, pk)
    period_results = selectors.period_results(period)
    content = xlsx_export.render_xlsx(
        period=period,
        rows=selectors.period_respondent_rows(period),
        result=period_results.result,
        weak_codes=[e.code for e in period_results.weakest],
    )
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_download_name(period, "xlsx")}"'
    return response


@staff_required
def export_pdf(request: StaffRequest, pk: int) -> HttpResponse:
    period = staff_period(request, pk)
    content = pdf_report.render_report(
        results=selectors.period_results(period),
        followups=list(selectors.followups_for_period(period)),
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_download_name(period, "pdf")}"'
    return response


@staff_required(roles=DECIDING_ROLES)
@require_POST
def publish(request: StaffRequest, pk: int) -> HttpResponse:
    period = staff_period(request, pk)
    publish_it = request.POST.get("publish") == "1"
    services.period_publish(actor=request.user, period=period, publish=publish_it)
    messages.success(
        request,
        _("The results are now public.") if publish_it else _("The results are no longer public."),
    )
    return redirect("surveys:results", pk=period.pk)


@staff_required(roles=DECIDING_ROLES)
@require_http_methods(["GET", "POST"])
def paper_entry(request: StaffRequest, pk: int) -> HttpResponse:
    period = staff_period(request, pk)
    questions = selectors.questionnaire_for_office(period.office)
    form = QuestionnaireForm(
        request.POST or None,
        questions=questions,
        answers_required=False,
        with_date=True,
        period=period,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.response_record(
                actor=request.user,
                office=period.office,
                channel=Channel.PAPER,
                answers=form.answers(),
                profile=form.profile(),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The paper questionnaire was saved. Enter the next one."))
            return redirect("surveys:paper_entry", pk=period.pk)
    return render(
        request,
        "surveys/paper_entry.html",
        {"form": form, "period": period},
        status=400 if form.errors else 200,
    )
