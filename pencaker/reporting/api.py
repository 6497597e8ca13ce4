"""Reporting API, mounted at /api/v1/reports.

``staff_performance``: per operator and month (``month=2026-03``; ``operator=<id>``
optional). An operator's token sees only their own figures; the pimpinan's and the admin
dinas's every operator of their office. Each call is recorded in the audit log.
"""

from __future__ import annotations

from typing import Any

from ninja import Router, Schema

from pencaker.accounts.api_auth import TokenAuth
from pencaker.core.audit import client_ip
from pencaker.reporting import performance, periods, province

router = Router(tags=["reports"], auth=TokenAuth())


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, Any] = {}


class OperatorOut(Schema):
    operator_id: int
    operator_name: str
    decisions: int
    approvals: int
    rejections: int
    median_working_hours: float | None
    within_sla: int
    share_within_sla: float | None
    returns: int
    return_reasons: dict[str, int]
    assisted_registrations: int
    reissues_after_data_error: int
    complaints_naming: int
    extra: dict[str, Any]


class PerformanceOut(Schema):
    office: str
    month: str
    counter_survey_ikm: float | None
    counter_survey_respondents: int
    operators: list[OperatorOut]


@router.get(
    "/staff-performance",
    operation_id="staff_performance",
    summary="Staff performance per operator for one month (own figures for an operator)",
    response={200: PerformanceOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def staff_performance(request, month: str, operator: int | None = None):
    viewer = request.auth
    operators = performance.operators_for(viewer, operator)
    period = periods.parse(month[:10])
    report = performance.staff_performance(office=viewer.office, period=period, operators=operators)
    performance.performance_view_record(
        viewer=viewer, period=period, operators=operators, channel="api",
        ip_address=client_ip(request),
    )  # fmt: skip
    counter = report.counter_ikm
    return {
        "office": viewer.office.code,
        "month": period.code,
        "counter_survey_ikm": float(counter.converted_display) if counter.respondents else None,
        "counter_survey_respondents": counter.respondents,
        "operators": [
            {
                "operator_id": row.operator_id,
                "operator_name": row.operator_name,
                "decisions": row.decisions,
                "approvals": row.approvals,
                "rejections": row.rejections,
                "median_working_hours": row.median_hours,
                "within_sla": row.within_sla,
                "share_within_sla": row.share_within_sla,
                "returns": row.returns,
                "return_reasons": dict(row.return_reason_list),
                "assisted_registrations": row.assisted,
                "reissues_after_data_error": row.reissues_after_error,
                "complaints_naming": row.complaints_naming,
                "extra": row.extra,
            }
            for row in report.rows
        ],
    }


class IpkCellsOut(Schema):
    left_from_last_period: int
    registered: int
    placed: int
    removed: int
    left_at_end: int


class ProvinceOfficeOut(Schema):
    code: str
    name: str
    ipk_iii_1: IpkCellsOut
    applications_decided: int
    applications_within_sla: int
    share_within_sla: float | None
    ikm: float | None
    ikm_respondents: int
    complaints_received: int
    complaints_answered: int
    complaints_answered_on_time: int


class ProvinceDashboardOut(Schema):
    province: str
    month: str
    offices: list[ProvinceOfficeOut]
    total: ProvinceOfficeOut


def _figures_out(row: province.Figures) -> dict[str, Any]:
    data = row.as_dict()
    cells = row.ipk
    data["ipk_iii_1"] = {
        "left_from_last_period": cells.left_before,
        "registered": cells.registered,
        "placed": cells.placed,
        "removed": cells.removed,
        "left_at_end": cells.left_end,
    }
    return data


@router.get(
    "/province",
    operation_id="province_dashboard_get",
    summary="The province office's figures over its kabupaten/kota offices (numbers only)",
    response={200: ProvinceDashboardOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def province_dashboard_get(request, month: str):
    viewer = request.auth
    province.province_office_of(viewer)
    period = periods.parse(month[:10])
    dashboard = province.province_dashboard(actor=viewer, period=period)
    province.province_dashboard_view_record(
        viewer=viewer, dashboard=dashboard, channel="api", ip_address=client_ip(request)
    )
    return {
        "province": dashboard.province.code,
        "month": period.code,
        "offices": [_figures_out(row) for row in dashboard.offices],
        "total": _figures_out(dashboard.total),
    }
