"""The staff performance figures as an XLSX workbook: one row per operator and month
(the months of the trend), always in Indonesian as the office's other reports."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.utils import formats, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from pencaker.reporting.performance import PerformanceReport


def render_performance_xlsx(reports: Iterable[PerformanceReport]) -> bytes:
    reports = list(reports)
    with translation.override("id"):
        workbook = Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.title = _("Staff performance")[:31]
        office = reports[-1].office if reports else None
        sheet.cell(row=1, column=1, value=_("Staff performance")).font = Font(bold=True, size=13)
        sheet.cell(row=2, column=1, value=office.name if office else "")
        extra = sorted({c for r in reports for c in r.extra_columns})
        headers = [
            _("Month"),
            _("Operator"),
            _("Decisions"),
            _("Approved"),
            _("Rejected"),
            _("Median working hours to a decision"),
            _("Share within the SLA (%)"),
            _("Returns"),
            _("Return reasons"),
            _("Assisted registrations"),
            _("Reissues after a data error"),
            _("Counter survey IKM (office)"),
            _("Complaints naming them"),
            *extra,
        ]
        for column, title in enumerate(headers, start=1):
            sheet.cell(row=4, column=column, value=str(title)).font = Font(bold=True)
        row_number = 5
        for report in reports:
            counter = report.counter_ikm
            counter_value = float(counter.converted_display) if counter.respondents else None
            for row in report.rows:
                share = row.share_within_sla
                values = [
                    formats.date_format(report.period.start, "F Y"),
                    row.operator_name,
                    row.decisions,
                    row.approvals,
                    row.rejections,
                    row.median_hours,
                    round(share * 100, 1) if share is not None else None,
                    row.returns,
                    "; ".join(f"{label}: {n}" for label, n in row.return_reason_list),
                    row.assisted,
                    row.reissues_after_error,
                    counter_value,
                    row.complaints_naming,
                    *[row.extra.get(column) for column in extra],
                ]
                for column, value in enumerate(values, start=1):
                    sheet.cell(row=row_number, column=column, value=value)
                row_number += 1
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
