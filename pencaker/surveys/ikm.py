"""The community satisfaction index (IKM, Indeks Kepuasan Masyarakat) of PermenPANRB 14/2017.

Pure computation: no database, no I/O. Every intermediate value is an exact
``fractions.Fraction``; rounding happens only when a value is shown.

The convention (stated here, on the results page and in the ``ikm_report`` output):

1. There are 9 elements (*unsur*), always keyed by their code U1…U9 (see ``ELEMENTS``),
   never by the position of a question in a questionnaire. The regulation's own sample
   questionnaire asks about facilities before complaints: its question 8 is U9 (Sarana dan
   Prasarana) and its question 9 is U8 (Penanganan Pengaduan) — mapping by position
   silently crosses these two elements.
2. Every answer is 1, 2, 3 or 4. Anything else is an error naming the row and the column.
   A blank answer means "not answered".
3. A respondent's element score is the mean of the questions they answered in that
   element (an office may ask several questions per element).
4. NRR (nilai rata-rata) of an element = sum of the element scores / number of respondents
   who answered that element.
5. IKM = the mean of the 9 element NRRs: every element weighs exactly 1/9. (The
   regulation's worked example writes the weight as 0.111; using 0.111 or 0.11 lowers the
   index by 0.1 % or 1 % and can drop an office into a lower grade.)
6. Converted value (nilai konversi) = IKM × 25, and per element NRR × 25.
7. Display only: NRR and IKM are rounded to 2 decimals, converted values to 2 decimals,
   both ROUND_HALF_UP (88.305 → 88.31).
8. The grade is read from the ROUNDED converted value: ≥ 88.31 A "Sangat Baik",
   ≥ 76.61 B "Baik", ≥ 65.00 C "Kurang Baik", otherwise D "Tidak Baik". Elements are
   graded with the same bands.

Sample size (Krejcie & Morgan, as the regulation recommends): with χ² = 3.841, P = 0.5
and d = 0.05, s = χ²·N·P(1−P) / (d²(N−1) + χ²·P(1−P)), rounded up.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

StrOrPromise = str | Promise

MIN_ANSWER = 1
MAX_ANSWER = 4
CONVERSION_FACTOR = 25


@dataclass(frozen=True)
class Element:
    """One *unsur* of PermenPANRB 14/2017: ``name`` is the official Indonesian name,
    ``label`` its translatable display name."""

    code: str
    name: str
    label: StrOrPromise


ELEMENTS: tuple[Element, ...] = (
    Element("U1", "Persyaratan", _("Requirements")),
    Element("U2", "Sistem, Mekanisme dan Prosedur", _("System, mechanism and procedure")),
    Element("U3", "Waktu Penyelesaian", _("Completion time")),
    Element("U4", "Biaya/Tarif", _("Cost/fee")),
    Element("U5", "Produk Spesifikasi Jenis Pelayanan", _("Product: specification of the service")),
    Element("U6", "Kompetensi Pelaksana", _("Competence of the staff")),
    Element("U7", "Perilaku Pelaksana", _("Behaviour of the staff")),
    Element(
        "U8",
        "Penanganan Pengaduan, Saran dan Masukan",
        _("Handling of complaints, suggestions and feedback"),
    ),
    Element("U9", "Sarana dan Prasarana", _("Facilities and infrastructure")),
)
ELEMENT_CODES: tuple[str, ...] = tuple(e.code for e in ELEMENTS)
ELEMENTS_BY_CODE: dict[str, Element] = {e.code: e for e in ELEMENTS}
ELEMENT_WEIGHT = Fraction(1, len(ELEMENTS))


@dataclass(frozen=True)
class Grade:
    letter: str
    label: str  # the official Indonesian label, as printed in reports and JSON
    display: StrOrPromise  # translatable label for pages
    minimum: Decimal | None  # lowest ROUNDED converted value in this band


GRADES: tuple[Grade, ...] = (
    Grade("A", "Sangat Baik", pgettext_lazy("IKM grade", "Very good"), Decimal("88.31")),
    Grade("B", "Baik", pgettext_lazy("IKM grade", "Good"), Decimal("76.61")),
    Grade("C", "Kurang Baik", pgettext_lazy("IKM grade", "Poor"), Decimal("65.00")),
    Grade("D", "Tidak Baik", pgettext_lazy("IKM grade", "Very poor"), None),
)


class IkmInputError(ValueError):
    """Input the computation cannot accept. ``row``/``column`` locate it when known
    (``row`` counts like a spreadsheet: the header is row 1)."""

    def __init__(self, message: str, *, row: int | None = None, column: str | None = None):
        super().__init__(message)
        self.message = message
        self.row = row
        self.column = column


def round_half_up(value: Fraction, places: int = 2) -> Decimal:
    """Round an exact non-negative or negative fraction half away from zero, exactly."""
    scale = 10**places
    scaled = abs(value) * scale
    rounded = math.floor(scaled + Fraction(1, 2))
    sign = -1 if value < 0 else 1
    return (Decimal(sign * rounded) / Decimal(scale)).quantize(Decimal(1).scaleb(-places))


def grade_for(converted_display: Decimal) -> Grade:
    """The band of an already ROUNDED converted value."""
    for grade in GRADES:
        if grade.minimum is None or converted_display >= grade.minimum:
            return grade
    raise AssertionError("unreachable: the last band has no minimum")


@dataclass(frozen=True)
class ElementResult:
    element: Element
    respondents: int  # respondents who answered at least one question of this element
    total: Fraction  # sum of their element scores
    nrr: Fraction | None  # None when nobody answered the element

    @property
    def code(self) -> str:
        return self.element.code

    @property
    def converted(self) -> Fraction | None:
        return None if self.nrr is None else self.nrr * CONVERSION_FACTOR

    @property
    def nrr_display(self) -> Decimal | None:
        return None if self.nrr is None else round_half_up(self.nrr, 2)

    @property
    def converted_display(self) -> Decimal | None:
        converted = self.converted
        return None if converted is None else round_half_up(converted, 2)

    @property
    def grade(self) -> Grade | None:
        shown = self.converted_display
        return None if shown is None else grade_for(shown)


@dataclass(frozen=True)
class IkmResult:
    respondents: int
    elements: tuple[ElementResult, ...]  # always U1…U9 in code order

    @property
    def complete(self) -> bool:
        """True when every element has at least one answer, so the index exists."""
        return all(e.nrr is not None for e in self.elements)

    @property
    def ikm(self) -> Fraction | None:
        nrrs = [e.nrr for e in self.elements if e.nrr is not None]
        if len(nrrs) != len(ELEMENTS):
            return None
        return sum(nrrs, Fraction(0)) * ELEMENT_WEIGHT

    @property
    def converted(self) -> Fraction | None:
        ikm = self.ikm
        return None if ikm is None else ikm * CONVERSION_FACTOR

    @property
    def ikm_display(self) -> Decimal | None:
        ikm = self.ikm
        return None if ikm is None else round_half_up(ikm, 2)

    @property
    def converted_display(self) -> Decimal | None:
        converted = self.converted
        return None if converted is None else round_half_up(converted, 2)

    @property
    def grade(self) -> Grade | None:
        shown = self.converted_display
        return None if shown is None else grade_for(shown)

    def element(self, code: str) -> ElementResult:
        return next(e for e in self.elements if e.code == code)

    def weakest_first(self) -> list[ElementResult]:
        """Elements with answers, lowest NRR first (ties in code order)."""
        answered = [e for e in self.elements if e.nrr is not None]
        return sorted(answered, key=lambda e: (e.nrr, ELEMENT_CODES.index(e.code)))

    def as_dict(self) -> dict:
        """The ``ikm_report --json`` shape, numbers rounded for display."""

        def num(value: Decimal | None) -> float | None:
            return None if value is None else float(value)

        grade = self.grade
        return {
            "respondents": self.respondents,
            "elements": [
                {
                    "code": e.code,
                    "name": e.element.name,
                    "nrr": num(e.nrr_display),
                    "converted": num(e.converted_display),
                    "grade": e.grade.letter if e.grade else None,
                    "label": e.grade.label if e.grade else None,
                }
                for e in self.elements
            ],
            "ikm": num(self.ikm_display),
            "converted": num(self.converted_display),
            "grade": grade.letter if grade else None,
            "label": grade.label if grade else None,
        }


# One respondent: element code -> the answers to that element's questions (None = blank).
RespondentAnswers = Mapping[str, Sequence[int | None]]


def _check_answer(value: int | None, *, row: int | None, column: str | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4:
        raise IkmInputError(
            gettext("Row %(row)s, column %(column)s: %(value)s is not an answer from 1 to 4.")
            % {"row": row or "?", "column": column or "?", "value": value},
            row=row,
            column=column,
        )


def compute(respondents: Iterable[RespondentAnswers]) -> IkmResult:
    """Compute NRRs and the IKM from respondents' answers keyed by element code.

    A respondent counts when they answered at least one question (in any element).
    """
    totals = {code: Fraction(0) for code in ELEMENT_CODES}
    counts = dict.fromkeys(ELEMENT_CODES, 0)
    n = 0
    for index, respondent in enumerate(respondents, start=1):
        answered_any = False
        for code, values in respondent.items():
            if code not in ELEMENTS_BY_CODE:
                raise IkmInputError(
                    gettext("Unknown element %(code)s: use U1 to U9.") % {"code": code},
                    column=code,
                )
            for value in values:
                _check_answer(value, row=index, column=code)
            given = [v for v in values if v is not None]
            if given:
                totals[code] += Fraction(sum(given), len(given))
                counts[code] += 1
                answered_any = True
        n += answered_any
    return IkmResult(
        respondents=n,
        elements=tuple(
            ElementResult(
                element=element,
                respondents=counts[element.code],
                total=totals[element.code],
                nrr=totals[element.code] / counts[element.code] if counts[element.code] else None,
            )
            for element in ELEMENTS
        ),
    )


# --- Tabular input (CSV, spreadsheets) ---------------------------------------------------

_COLUMN = re.compile(r"^U(\d+)(?:\.(\d+))?$", re.IGNORECASE)


def element_column(name: str) -> tuple[str, int] | None:
    """``"U4"`` -> ``("U4", 1)``, ``"u1.2"`` -> ``("U1", 2)``; None for a profile column.

    Raises ``IkmInputError`` for a column that looks like an element but is not one
    (``U10``, ``U0``, ``U1.0``), so a typo cannot silently drop answers.
    """
    match = _COLUMN.match(name.strip())
    if not match:
        return None
    code = f"U{int(match.group(1))}"
    question = int(match.group(2)) if match.group(2) is not None else 1
    if code not in ELEMENTS_BY_CODE or question < 1:
        raise IkmInputError(
            gettext("Column %(column)s is not an element: use U1 to U9, or U1.1, U1.2 and so on.")
            % {"column": name.strip()},
            column=name.strip(),
        )
    return code, question


def parse_table(
    header: Sequence[str], rows: Iterable[Sequence[str]], *, first_row: int = 2
) -> list[dict[str, list[int | None]]]:
    """Turn a header and text rows into respondents' answers, validating every cell.

    Profile columns (anything not named like an element) are ignored here. Rows whose
    element cells are all blank are skipped. ``first_row`` is the spreadsheet row number of
    the first data row (the header is row 1).
    """
    columns: dict[int, tuple[str, int]] = {}
    seen: dict[tuple[str, int], str] = {}
    for index, name in enumerate(header):
        key = element_column(name)
        if key is None:
            continue
        if key in seen:
            raise IkmInputError(
                gettext("Columns %(first)s and %(second)s are the same question.")
                % {"first": seen[key], "second": name.strip()},
                column=name.strip(),
            )
        seen[key] = name.strip()
        columns[index] = key
    missing = [code for code in ELEMENT_CODES if code not in {c for c, _q in columns.values()}]
    if missing:
        raise IkmInputError(
            gettext("The file has no column for %(codes)s. Every element U1 to U9 needs one.")
            % {"codes": ", ".join(missing)}
        )
    respondents = []
    for row_number, row in enumerate(rows, start=first_row):
        answers: dict[str, list[int | None]] = {}
        for index, (code, _question) in columns.items():
            raw = row[index].strip() if index < len(row) else ""
            column = header[index].strip()
            if raw == "":
                answers.setdefault(code, []).append(None)
                continue
            if not re.fullmatch(r"[1-4]", raw):
                raise IkmInputError(
                    gettext(
                        "Row %(row)s, column %(column)s: “%(value)s” is not an answer from "
                        "1 to 4. Leave the cell empty if the question was not answered."
                    )
                    % {"row": row_number, "column": column, "value": raw[:20]},
                    row=row_number,
                    column=column,
                )
            answers.setdefault(code, []).append(int(raw))
        if any(v is not None for values in answers.values() for v in values):
            respondents.append(answers)
    return respondents


# --- Sample size -------------------------------------------------------------------------

KM_CHI_SQUARE = Fraction("3.841")
KM_P = Fraction(1, 2)
KM_D = Fraction(5, 100)


def sample_size(population: int) -> int:
    """Krejcie & Morgan (1970) minimum sample for a population of ``population`` people."""
    if population < 0:
        raise ValueError("population must not be negative")
    if population == 0:
        return 0
    spread = KM_CHI_SQUARE * KM_P * (1 - KM_P)
    s = spread * population / (KM_D**2 * (population - 1) + spread)
    return min(population, math.ceil(s))
