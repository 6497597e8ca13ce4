"""XLSX processing table and PDF report of a period: values equal the computed ones."""

from __future__ import annotations

import io
import subprocess
from decimal import Decimal
from fractions import Fraction

import openpyxl
import pytest
from django.urls import reverse

from pencaker.accounts.models import Role
from pencaker.surveys import ikm
from pencaker.surveys.choices import Channel
from pencaker.surveys.models import Question
from pencaker.surveys.selectors import period_results
from pencaker.surveys.services import Profile, followup_create, response_record


@pytest.fixture
def answered_period(operator, office, period, answer_all, standard_questions):
    """Three respondents: U8 low, U4 blank for one, and a second U1 question (3.5)."""
    extra = Question.objects.create(
        office=office,
        element="U1",
        order=15,
        text="Apakah daftar persyaratan mudah ditemukan?",
        option_1="Tidak",
        option_2="Kurang",
        option_3="Mudah",
        option_4="Sangat mudah",
    )
    answers = [
        {**answer_all(4, U8=2), extra.id: 3},
        answer_all(3, U8=1, U4=None),
        answer_all(4, U9=2),
    ]
    for values in answers:
        response_record(
            actor=operator,
            office=office,
            channel=Channel.PAPER,
            answers=values,
            profile=Profile(gender="female", age_band="20-29"),
        )
    followup_create(
        actor=operator,
        period=period,
        element="U8",
        action="Buka meja pengaduan & kotak saran",
        quarter="2027-Q1",
        person_responsible="Kepala Seksi Penempatan",
    )
    return period


def open_sheet(content: bytes):
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return workbook.active


def row_by_label(sheet, label: str) -> int:
    for row in sheet.iter_rows(min_col=1, max_col=1):
        if row[0].value == label:
            return row[0].row
    raise AssertionError(f"no row labelled {label!r}")


def as_decimal(value) -> Decimal:
    return Decimal(str(value))


def test_xlsx_rows_and_summary_equal_the_computed_values(operator_client, answered_period):
    response = operator_client.get(
        reverse("surveys:export_xlsx", kwargs={"pk": answered_period.pk})
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="ikm-16-71-')
    sheet = open_sheet(response.content)
    result = period_results(answered_period).result
    header = [c.value for c in sheet[4]]
    assert header[:3] == ["No.", "Tanggal", "Saluran"]
    assert header[3:12] == list(ikm.ELEMENT_CODES)
    u = {code: 4 + i for i, code in enumerate(ikm.ELEMENT_CODES)}

    # one row per respondent, element scores keyed by code
    first, second, third = 6, 7, 8
    assert [sheet.cell(row=r, column=1).value for r in (first, second, third)] == [1, 2, 3]
    assert as_decimal(sheet.cell(row=first, column=u["U1"]).value) == Decimal("3.5")
    assert sheet.cell(row=first, column=u["U8"]).value == 2
    assert sheet.cell(row=second, column=u["U4"]).value is None
    assert sheet.cell(row=third, column=u["U9"]).value == 2

    sums = row_by_label(sheet, "Σ nilai per unsur")
    nrr = row_by_label(sheet, "NRR per unsur")
    weighted = row_by_label(sheet, "NRR tertimbang per unsur (NRR × 1/9)")
    for element in result.elements:
        column = u[element.code]
        assert as_decimal(sheet.cell(row=sums, column=column).value) == as_decimal(
            float(element.total)
        ).quantize(Decimal("0.01"))
        assert as_decimal(sheet.cell(row=nrr, column=column).value) == element.nrr_display
        assert as_decimal(sheet.cell(row=weighted, column=column).value) == ikm.round_half_up(
            element.nrr * Fraction(1, 9), 3
        )
    assert result.element("U4").nrr == Fraction(8, 2)  # the blank answer does not count
    ikm_row = row_by_label(sheet, "IKM (Σ NRR tertimbang)")
    converted_row = row_by_label(sheet, "IKM konversi (IKM × 25)")
    grade_row = row_by_label(sheet, "Mutu pelayanan")
    assert as_decimal(sheet.cell(row=ikm_row, column=4).value) == ikm.round_half_up(result.ikm, 3)
    assert as_decimal(sheet.cell(row=converted_row, column=4).value) == result.converted_display
    assert sheet.cell(row=grade_row, column=4).value == (
        f"{result.grade.letter} ({result.grade.label})"
    )


def test_xlsx_of_an_empty_period_has_no_index_and_no_error(operator_client, period):
    response = operator_client.get(reverse("surveys:export_xlsx", kwargs={"pk": period.pk}))
    sheet = open_sheet(response.content)
    assert response.status_code == 200
    assert sheet.cell(row=row_by_label(sheet, "IKM konversi (IKM × 25)"), column=4).value is None


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    )
    return done.stdout


def test_pdf_report_has_the_chapters_the_index_and_the_plan(
    operator_client, answered_period, tmp_path
):
    response = operator_client.get(reverse("surveys:export_pdf", kwargs={"pk": answered_period.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    for chapter in (
        "1. Pendahuluan",
        "2. Pengumpulan Data",
        "3. Hasil",
        "4. Analisis dan Rencana Tindak Lanjut",
        "5. Kesimpulan",
    ):
        assert chapter in text
    result = period_results(answered_period).result
    shown = str(result.converted_display).replace(".", ",")
    assert f"nilai konversi {shown}" in text
    assert "Penanganan Pengaduan" in text  # element table
    assert "Perempuan" in text  # respondent profile
    assert "Buka meja pengaduan &" in text  # follow-up plan, escaped for reportlab
    assert "2027-Q1" in text


def test_pdf_is_indonesian_even_after_the_language_switch(
    operator_client, answered_period, tmp_path
):
    operator_client.cookies["django_language"] = "en"
    response = operator_client.get(reverse("surveys:export_pdf", kwargs={"pk": answered_period.pk}))
    assert "1. Pendahuluan" in pdf_text(response.content, tmp_path)


def test_pdf_of_an_empty_period_explains_that_there_is_no_index(operator_client, period, tmp_path):
    response = operator_client.get(reverse("surveys:export_pdf", kwargs={"pk": period.pk}))
    text = pdf_text(response.content, tmp_path)
    assert "5. Kesimpulan" in text
    assert "Belum tersedia" in text


def test_exports_are_for_staff_of_the_office_only(
    client, user_factory, other_office, staff_client_factory, answered_period
):
    for name in ("surveys:export_xlsx", "surveys:export_pdf"):
        url = reverse(name, kwargs={"pk": answered_period.pk})
        assert client.get(url).status_code == 302
        other = staff_client_factory(user_factory(role=Role.OPERATOR, office=other_office))
        assert other.get(url).status_code == 404


def test_head_of_office_can_download_the_report(
    user_factory, office, staff_client_factory, answered_period
):
    head = staff_client_factory(user_factory(role=Role.PIMPINAN, office=office))
    url = reverse("surveys:export_pdf", kwargs={"pk": answered_period.pk})
    assert head.get(url).status_code == 200
