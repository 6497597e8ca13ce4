"""The province office's read-only dashboard (ADR 0031): for one month, per kabupaten/kota
office of the province and summed, the IPK III/1 totals, the AK/1 service time (SLA),
the latest IKM and the complaints.

Numbers only: no name, NIK, tracking number or text of another office's records reaches
the province. Each office's month runs in that office's time zone. Only the admin dinas
and the pimpinan of a province office see it; anyone else gets 404 (as if it did not
exist), and each view is in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from pencaker.accounts.models import Role
from pencaker.applications.selectors import application_sla_counts
from pencaker.complaints.selectors import complaint_month_counts
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import NotFound
from pencaker.offices.models import Office
from pencaker.offices.selectors import province_offices
from pencaker.reporting import ipk
from pencaker.reporting.errors import ReportingErrorCode
from pencaker.reporting.periods import Period
from pencaker.surveys.ikm import round_half_up
from pencaker.surveys.selectors import office_period_latest, period_ikm

PROVINCE_READERS = frozenset({Role.ADMIN_DINAS, Role.PIMPINAN})


@dataclass
class Figures:
    """One office's (or the province's summed) figures for the month."""

    code: str
    name: str
    ipk: ipk.Cells = field(default_factory=ipk.Cells)
    decided: int = 0
    within_sla: int = 0
    ikm: Decimal | None = None
    ikm_respondents: int = 0
    complaints_received: int = 0
    complaints_answered: int = 0
    complaints_on_time: int = 0

    @property
    def share_within_sla(self) -> float | None:
        return self.within_sla / self.decided if self.decided else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "ipk_iii_1": self.ipk.as_dict(),
            "applications_decided": self.decided,
            "applications_within_sla": self.within_sla,
            "share_within_sla": self.share_within_sla,
            "ikm": float(self.ikm) if self.ikm is not None else None,
            "ikm_respondents": self.ikm_respondents,
            "complaints_received": self.complaints_received,
            "complaints_answered": self.complaints_answered,
            "complaints_answered_on_time": self.complaints_on_time,
        }


@dataclass
class ProvinceDashboard:
    province: Office
    period: Period
    offices: list[Figures]
    total: Figures


def province_office_of(actor: Any) -> Office:
    """The province office ``actor`` reads for; 404 for anyone else (a kabupaten/kota's
    staff, an operator, a job seeker): the page does not exist for them."""
    office = getattr(actor, "office", None)
    if (
        getattr(actor, "role", None) not in PROVINCE_READERS
        or office is None
        or not office.is_province
    ):
        raise NotFound(ReportingErrorCode.PROVINCE_NOT_FOUND, _("This page was not found."))
    return office


def _office_figures(office: Office, period: Period) -> Figures:
    report = ipk.compute(office=office, form=ipk.FORMS[ipk.III_1], period=period)
    decided, within = application_sla_counts(office, start=period.start, end=period.end)
    complaints = complaint_month_counts(office, start=period.start, end=period.end)
    figures = Figures(
        code=office.code,
        name=office.name,
        ipk=report.total.total,
        decided=decided,
        within_sla=within,
        complaints_received=complaints["received"],
        complaints_answered=complaints["answered"],
        complaints_on_time=complaints["on_time"],
    )
    survey = office_period_latest(office, before=period.end)
    if survey is not None:
        result = period_ikm(survey)
        figures.ikm = result.converted_display
        figures.ikm_respondents = result.respondents if result.converted is not None else 0
    return figures


def _ikm_weighted(rows: list[Figures]) -> Decimal | None:
    """The offices' indices weighted by their respondents (an index is not a sum)."""
    weighted = [(row.ikm, row.ikm_respondents) for row in rows if row.ikm is not None]
    respondents = sum(n for _value, n in weighted)
    if not respondents:
        return None
    total = sum((Fraction(value) * n for value, n in weighted), Fraction(0))
    return round_half_up(total / respondents, 2)


def province_dashboard(*, actor: Any, period: Period) -> ProvinceDashboard:
    province = province_office_of(actor)
    rows = [_office_figures(office, period) for office in province_offices(province)]
    total = Figures(code=province.code, name=province.name)
    for row in rows:
        total.ipk = total.ipk + row.ipk
        total.decided += row.decided
        total.within_sla += row.within_sla
        total.ikm_respondents += row.ikm_respondents
        total.complaints_received += row.complaints_received
        total.complaints_answered += row.complaints_answered
        total.complaints_on_time += row.complaints_on_time
    total.ikm = _ikm_weighted(rows)
    return ProvinceDashboard(province=province, period=period, offices=rows, total=total)


def province_dashboard_view_record(
    *, viewer: Any, dashboard: ProvinceDashboard, channel: str, ip_address: str | None
) -> None:
    audit_record(
        actor=viewer,
        action=AuditAction.PROVINCE_DASHBOARD_VIEWED,
        obj=dashboard.province,
        office=dashboard.province,
        ip_address=ip_address,
        data={"month": dashboard.period.code, "channel": channel},
    )
