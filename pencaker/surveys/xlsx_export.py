"""The processing table (tabel pengolahan data) of a period as an XLSX workbook (openpyxl).

Layout as offices put it in their SKM reports: one row per respondent with the element
scores U1…U9, then the rows Σ per element, NRR per element, NRR weighted (× 1/9), IKM,
converted IKM (× 25) and grade.

Cells hold numbers, not formulas: the index is computed exactly (``ikm``) and every cell
shows that exact value rounded half-up (scores, sums, NRR and the converted value to 2
decimals, weighted NRR and IKM to 3). A spreadsheet formula would recompute in binary
floating point and can land on the other side of a grade boundary (88.305 → 88.30), so the
workbook states the convention instead. Like the PDF report it is an official document of
the office and is always written in Indonesian.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Sequence
from decimal import Decimal
from fractions import Fraction

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from pencaker.surveys import ikm
from pencaker.surveys.choices import Channel
from pencaker.surveys.models import SurveyPeriod
from pencaker.surveys.selectors import RespondentRow

WEIGHTED_PLACES = 3
FIRST_ELEMENT_COLUMN = 4  # A: number, B: date, C: channel, D…L: U1…U9
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
WEAK_FILL = PatternFill("solid", fgColor="FFF4CE")


def cell_value(value: Fraction | None, places: int = 2) -> int | Decimal | None:
    """An exact value as a cell: whole numbers stay whole, others are rounded half-up."""
    if value is None:
        return None
    if value.denominator == 1:
        return int(value)
    return ikm.round_half_up(value, places)


def _number_format(places: int) -> str:
    return "0." + "0" * places if places else "General"


def build_workbook(
    *,
    period: SurveyPeriod,
    rows: list[RespondentRow],
    result: ikm.IkmResult,
    weak_codes: Collection[str] = (),
) -> Workbook:
    """``weak_codes``: the lowest elements, whose column headers are highlighted."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Processing table")[:31]
    last_column = FIRST_ELEMENT_COLUMN + len(ikm.ELEMENTS) - 1
    channels = dict(Channel.choices)

    sheet.cell(row=1, column=1, value=_("Community satisfaction survey (IKM): processing table"))
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    sheet.cell(
        row=2,
        column=1,
        value=f"{period.office.name} — {period.name} "
        f"({period.start_date.isoformat()} – {period.end_date.isoformat()})",
    )
    header_row = 4
    headers = [_("No."), _("Date"), _("Channel")] + list(ikm.ELEMENT_CODES)
    for column, text in enumerate(headers, start=1):
        cell = sheet.cell(row=header_row, column=column, value=text)
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
    for offset, element in enumerate(ikm.ELEMENTS):
        sheet.cell(row=header_row + 1, column=FIRST_ELEMENT_COLUMN + offset, value=element.name)
        sheet.cell(row=header_row + 1, column=FIRST_ELEMENT_COLUMN + offset).alignment = Alignment(
            wrap_text=True, vertical="top"
        )

    row_number = header_row + 2
    for respondent in rows:
        sheet.cell(row=row_number, column=1, value=respondent.number)
        sheet.cell(
            row=row_number, column=2, value=respondent.survey_date
        ).number_format = "yyyy-mm-dd"
        sheet.cell(row=row_number, column=3, value=str(channels.get(respondent.channel, "")))
        for offset, code in enumerate(ikm.ELEMENT_CODES):
            cell = sheet.cell(
                row=row_number,
                column=FIRST_ELEMENT_COLUMN + offset,
                value=cell_value(respondent.scores[code]),
            )
            cell.number_format = "0.##" if isinstance(cell.value, Decimal) else "0"
        row_number += 1

    def per_element(label: str, values: Sequence[int | Decimal | str | None], places: int) -> None:
        nonlocal row_number
        sheet.cell(row=row_number, column=1, value=label).font = BOLD
        sheet.merge_cells(start_row=row_number, start_column=1, end_row=row_number, end_column=3)
        for offset, value in enumerate(values):
            cell = sheet.cell(row=row_number, column=FIRST_ELEMENT_COLUMN + offset, value=value)
            cell.number_format = _number_format(places)
            cell.font = BOLD
        row_number += 1

    def overall(label: str, value: object, places: int | None = None) -> None:
        nonlocal row_number
        sheet.cell(row=row_number, column=1, value=label).font = BOLD
        sheet.merge_cells(start_row=row_number, start_column=1, end_row=row_number, end_column=3)
        cell = sheet.cell(row=row_number, column=FIRST_ELEMENT_COLUMN, value=value)
        cell.font = BOLD
        cell.alignment = Alignment(horizontal="center")
        if places is not None:
            cell.number_format = _number_format(places)
        sheet.merge_cells(
            start_row=row_number,
            start_column=FIRST_ELEMENT_COLUMN,
            end_row=row_number,
            end_column=last_column,
        )
        row_number += 1

    elements = result.elements
    per_element(_("Σ score per element"), [cell_value(e.total) for e in elements], 2)
    per_element(_("NRR per element"), [e.nrr_display for e in elements], 2)
    per_element(
        _("Weighted NRR per element (NRR × 1/9)"),
        [
            None
            if e.nrr is None
            else ikm.round_half_up(e.nrr * ikm.ELEMENT_WEIGHT, WEIGHTED_PLACES)
            for e in elements
        ],
        WEIGHTED_PLACES,
    )
    per_element(_("Converted per element (NRR × 25)"), [e.converted_display for e in elements], 2)
    per_element(_("Grade per element"), [e.grade.letter if e.grade else None for e in elements], 0)
    ikm_value = result.ikm
    overall(
        _("IKM (Σ weighted NRR)"),
        None if ikm_value is None else ikm.round_half_up(ikm_value, WEIGHTED_PLACES),
        WEIGHTED_PLACES,
    )
    overall(_("Converted IKM (IKM × 25)"), result.converted_display, 2)
    grade = result.grade
    overall(_("Service quality (grade)"), f"{grade.letter} ({grade.label})" if grade else None)

    row_number += 1
    notes = [
        _("Respondents: %(n)s.") % {"n": result.respondents},
        _(
            "Computed exactly (PermenPANRB 14/2017): a respondent's element score is the "
            "mean of their answers in that element; NRR = sum of scores / respondents who "
            "answered the element; IKM = mean of the 9 NRRs (weight exactly 1/9); "
            "converted = IKM × 25."
        ),
        _(
            "Cells show the exact values rounded half-up (NRR and converted to 2 decimals, "
            "weighted NRR and IKM to 3); the IKM is the exact sum, not the sum of the "
            "rounded cells. The grade is read from the rounded converted value: ≥ 88.31 A, "
            "≥ 76.61 B, ≥ 65.00 C, otherwise D."
        ),
    ]
    for note in notes:
        sheet.cell(row=row_number, column=1, value=note)
        row_number += 1

    for offset, code in enumerate(ikm.ELEMENT_CODES):
        if code in weak_codes:
            sheet.cell(row=header_row, column=FIRST_ELEMENT_COLUMN + offset).fill = WEAK_FILL
    sheet.column_dimensions["A"].width = 8
    sheet.column_dimensions["B"].width = 12
    sheet.column_dimensions["C"].width = 20
    for column in range(FIRST_ELEMENT_COLUMN, last_column + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 14
    sheet.row_dimensions[header_row + 1].height = 45
    sheet.freeze_panes = sheet.cell(row=header_row + 2, column=FIRST_ELEMENT_COLUMN)
    return workbook


def render_xlsx(
    *,
    period: SurveyPeriod,
    rows: list[RespondentRow],
    result: ikm.IkmResult,
    weak_codes: Collection[str] = (),
) -> bytes:
    buffer = io.BytesIO()
    with translation.override("id"):
        workbook = build_workbook(period=period, rows=rows, result=result, weak_codes=weak_codes)
    workbook.save(buffer)
    return buffer.getvalue()
