"""IPK pages for the office's staff (operators, admin dinas, pimpinan): own office only."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify

from pencaker.accounts.permissions import staff_required
from pencaker.reporting import ipk, ipk_chart, xlsx_export
from pencaker.reporting.forms import IpkPeriodForm

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _period_form(request: HttpRequest) -> IpkPeriodForm:
    if "period" in request.GET or "year" in request.GET:
        return IpkPeriodForm(request.GET)
    return IpkPeriodForm(IpkPeriodForm.initial_for(timezone.localdate()))


def _form_by_slug(slug: str) -> ipk.FormSpec:
    for spec in ipk.FORMS.values():
        if spec.slug == slug:
            return spec
    raise Http404


@staff_required
def ipk_dashboard(request: HttpRequest) -> HttpResponse:
    form = _period_form(request)
    context: dict[str, object] = {"form": form, "columns": ipk.COLUMNS, "sexes": ipk.SEXES}
    if not form.is_valid():
        return render(request, "reporting/ipk.html", context, status=400)
    period = form.to_period()
    office = request.user.office  # type: ignore[union-attr]
    reports = [
        ipk.compute(office=office, form=spec, period=period)
        for spec in ipk.FORMS.values()
        if spec.source == "seekers"
    ]
    vacancy_reports = [
        ipk.compute(office=office, form=spec, period=period)
        for spec in ipk.FORMS.values()
        if spec.source == "vacancies"
    ]
    context.update(
        {
            "period": period,
            "office": office,
            "reports": reports,
            "vacancy_reports": vacancy_reports,
            "query": f"period={form.cleaned_data['period']}&year={form.cleaned_data['year']}",
            "chart": ipk_chart.build(reports[0]),
        }
    )
    return render(request, "reporting/ipk.html", context)


@staff_required
def ipk_export_xlsx(request: HttpRequest, form_slug: str) -> HttpResponse:
    spec = _form_by_slug(form_slug)
    form = _period_form(request)
    if not form.is_valid():
        context = {"form": form, "columns": ipk.COLUMNS, "sexes": ipk.SEXES}
        return render(request, "reporting/ipk.html", context, status=400)
    period = form.to_period()
    office = request.user.office  # type: ignore[union-attr]
    assert office is not None  # staff_required: staff always have an office
    report = ipk.compute(office=office, form=spec, period=period)
    response = HttpResponse(xlsx_export.render_xlsx(report), content_type=XLSX_TYPE)
    name = f"ipk-{spec.slug}-{slugify(office.code.replace('.', '-'))}-{period.code}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name.lower()}"'
    return response
