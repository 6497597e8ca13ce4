"""An IPK form as an XLSX workbook (openpyxl) in the layout offices submit.

Title block (form, title, office, period), then the header rows: the column names, the
column numbers (1) (2) A (3) (4) B (5), and L / P / L+P under each; one row per group
and the total row (Jumlah). III/8 has one block: placements L / P / L+P. Cells hold
numbers (the figures are counted exactly), and the workbook is an official document of the
office, so it is always written in Indonesian.
"""

from __future__ import annotations

import io

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from pencaker.reporting import ipk

BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
HEADER_ROW = 6


def _header(sheet, row: int, column: int, value, *, span: int = 1, rows: int = 1) -> None:
    sheet.cell(row=row, column=column, value=str(value))
    if span > 1 or rows > 1:
        sheet.merge_cells(
            start_row=row, start_column=column, end_row=row + rows - 1, end_column=column + span - 1
        )
    for r in range(row, row + rows):
        for c in range(column, column + span):
            target = sheet.cell(row=r, column=c)
            target.font, target.fill, target.alignment, target.border = (
                BOLD,
                HEADER_FILL,
                CENTER,
                BOX,
            )


def build_workbook(report: ipk.IpkReport) -> Workbook:
    with translation.override("id"):
        return _build(report)


def _build(report: ipk.IpkReport) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = f"IPK {report.form.code}".replace("/", "-")
    office, period = report.office, report.period
    sheet.cell(row=1, column=1, value=f"IPK {report.form.code}").font = Font(bold=True, size=13)
    sheet.cell(row=2, column=1, value=str(report.form.title)).font = BOLD
    sheet.cell(
        row=3,
        column=1,
        value=_("Office: %(name)s (%(code)s)")
        % {
            "name": office.name,
            "code": office.code,
        },
    )
    sheet.cell(
        row=4,
        column=1,
        value=_("Period: %(label)s (%(start)s – %(end)s)")
        % {
            "label": period.label,
            "start": formats.date_format(period.start, "j F Y"),
            "end": formats.date_format(period.last_day, "j F Y"),
        },
    )
    either = report.form.has_either
    sexes = [
        pgettext("sex, short", "M"),
        pgettext("sex, short", "F"),
        *([pgettext("sex, short", "M/F")] if either else []),
        pgettext("sex, short", "M+F"),
    ]
    width = len(sexes)
    if report.form.placements_only:
        blocks: list[tuple[str, str, object]] = [("placed", "", _("Placed"))]
        header_rows = 2
    else:
        blocks = list(report.form.columns)
        header_rows = 3
    _header(sheet, HEADER_ROW, 1, _("No."), rows=header_rows)
    _header(sheet, HEADER_ROW, 2, report.form.group_title, rows=header_rows)
    for index, (_attr, number, text) in enumerate(blocks):
        column = 3 + index * width
        _header(sheet, HEADER_ROW, column, text, span=width)
        if header_rows == 3:
            _header(sheet, HEADER_ROW + 1, column, number, span=width)
        for offset, sex in enumerate(sexes):
            _header(sheet, HEADER_ROW + header_rows - 1, column + offset, sex)
    row_number = HEADER_ROW + header_rows
    rows = [*report.rows, report.total]
    for position, row in enumerate(rows, start=1):
        is_total = row is rows[-1]
        values = ["" if is_total else position, _("Total") if is_total else row.label]
        for attr, _number, _text in blocks:
            values += [
                getattr(row.male, attr),
                getattr(row.female, attr),
                *([getattr(row.either, attr)] if either else []),
                getattr(row.total, attr),
            ]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row_number, column=column, value=value)
            cell.border = BOX
            if is_total:
                cell.font = BOLD
        row_number += 1
    sheet.cell(
        row=row_number + 1,
        column=1,
        value=(
            _(
                "Counted in positions from the recorded vacancy events by Pencaker on %(date)s. "
                "Removed: withdrawn or expired with openings left. M/F: open to men and women."
            )
            if report.form.source == "vacancies"
            else _(
                "Counted from the recorded events by Pencaker on %(date)s. "
                "Removed includes expired cards."
            )
        )
        % {"date": formats.date_format(timezone.localdate(), "j F Y")},
    )
    sheet.column_dimensions["A"].width = 5
    sheet.column_dimensions["B"].width = 28
    for column in range(3, 3 + len(blocks) * width):
        sheet.column_dimensions[get_column_letter(column)].width = 8
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + header_rows, column=3)
    return workbook


def render_xlsx(report: ipk.IpkReport) -> bytes:
    buffer = io.BytesIO()
    build_workbook(report).save(buffer)
    return buffer.getvalue()
