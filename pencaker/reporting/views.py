"""IPK pages for the office's staff (operators, admin dinas, pimpinan): own office only."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify

from pencaker.accounts.permissions import staff_required
from pencaker.core.audit import client_ip
from pencaker.core.errors import DomainError
from pencaker.offices.selectors import office_today
from pencaker.reporting import ipk, ipk_chart, performance, province, xlsx_export
from pencaker.reporting.forms import IpkPeriodForm, PerformanceForm, ProvinceMonthForm
from pencaker.reporting.performance_xlsx import render_performance_xlsx

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


@staff_required
def staff_performance(request: HttpRequest) -> HttpResponse:
    """Per operator and month: an operator sees their own figures, the pimpinan and the
    admin dinas every operator of the office; each view is in the audit log."""
    viewer = request.user
    office = viewer.office  # type: ignore[union-attr]
    visible = performance.visible_operators(viewer, office)
    data = request.GET if "month" in request.GET else {"month": f"{timezone.localdate():%Y-%m}"}
    form = PerformanceForm(data, operators=visible if len(visible) > 1 else ())
    context: dict[str, object] = {"form": form, "office": office}
    if not form.is_valid():
        if "operator" in form.errors:
            raise Http404  # someone the viewer may not see: as if there were no such person
        return render(request, "reporting/performance.html", context, status=400)
    try:
        period = form.period()
        operators = performance.operators_for(viewer, form.cleaned_data.get("operator"))
    except DomainError as exc:
        if exc.status == 404:
            raise Http404 from None
        form.add_error("month", exc.message)
        return render(request, "reporting/performance.html", context, status=400)
    report = performance.staff_performance(office=office, period=period, operators=operators)
    trend = performance.staff_performance_trend(
        office=office, operators=operators, last=period.start, months=6
    )
    channel = "xlsx" if request.GET.get("format") == "xlsx" else "page"
    performance.performance_view_record(
        viewer=viewer,
        period=period,
        operators=operators,
        channel=channel,
        ip_address=client_ip(request),
    )
    if channel == "xlsx":
        months = performance.staff_performance_trend(
            office=office, operators=operators, last=period.start
        )
        response = HttpResponse(render_performance_xlsx(months), content_type=XLSX_TYPE)
        name = f"kinerja-{slugify(office.code.replace('.', '-'))}-{period.code}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    context.update(
        {
            "report": report,
            "trend": trend,
            "query": request.GET.urlencode() or f"month={period.code}",
        }
    )
    return render(request, "reporting/performance.html", context)


@staff_required(roles=province.PROVINCE_READERS)
def province_dashboard(request: HttpRequest) -> HttpResponse:
    """The province office's figures over its kabupaten/kota offices (read-only, numbers
    only, ADR 0031); 404 for the staff of a kabupaten/kota office."""
    viewer = request.user
    try:
        office = province.province_office_of(viewer)
    except DomainError:
        raise Http404 from None
    today = office_today(office)
    data = request.GET if "month" in request.GET else {"month": f"{today:%Y-%m}"}
    form = ProvinceMonthForm(data)
    context: dict[str, object] = {"form": form, "office": office, "columns": ipk.COLUMNS}
    if form.is_valid():
        try:
            period = form.period()
        except DomainError as exc:
            form.add_error("month", exc.message)
    if not form.is_valid():
        return render(request, "reporting/province.html", context, status=400)
    dashboard = province.province_dashboard(actor=viewer, period=period)
    province.province_dashboard_view_record(
        viewer=viewer, dashboard=dashboard, channel="page", ip_address=client_ip(request)
    )
    context["dashboard"] = dashboard
    return render(request, "reporting/province.html", context)
