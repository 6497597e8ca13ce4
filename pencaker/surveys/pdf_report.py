"""The period's survey report as a PDF (reportlab), in the chapters offices use for their SKM
report: Pendahuluan, Pengumpulan Data, Hasil, Analisis dan Rencana Tindak Lanjut,
Kesimpulan. It carries the element table, the index, the respondent profile and the
follow-up plan.

The report is an official document of the office, so it is always printed in Indonesian
(its English msgids live in the catalogue like every other string and are rendered under
``translation.override("id")``), with Indonesian number formatting (81,94).
Fonts: DejaVu Sans, embedded, so every PDF reader shows the same glyphs (≥, ×, –).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from pencaker.core.pdf_fonts import FONT, FONT_BOLD, register_fonts
from pencaker.surveys import ikm
from pencaker.surveys.choices import FollowUpStatus
from pencaker.surveys.models import FollowUpAction
from pencaker.surveys.selectors import PeriodResults

MARGIN = 20 * mm

BODY = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14, spaceAfter=6)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8.5, leading=11, spaceAfter=0)
SMALL_BOLD = ParagraphStyle("small_bold", parent=SMALL, fontName=FONT_BOLD)
TITLE = ParagraphStyle(
    "title", parent=BODY, fontName=FONT_BOLD, fontSize=16, leading=20, alignment=1
)
SUBTITLE = ParagraphStyle("subtitle", parent=BODY, fontSize=11, leading=15, alignment=1)
CHAPTER = ParagraphStyle(
    "chapter", parent=BODY, fontName=FONT_BOLD, fontSize=13, leading=17, spaceBefore=12
)
SECTION = ParagraphStyle(
    "section", parent=BODY, fontName=FONT_BOLD, fontSize=11, leading=15, spaceBefore=6
)
INDEX = ParagraphStyle("index", parent=BODY, fontName=FONT_BOLD, fontSize=12, leading=16)


def _num(value: Decimal | float | None, places: int = 2) -> str:
    if value is None:
        return "–"
    return formats.number_format(value, places)


def _p(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(escape(text), style)


def _table(
    header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float]
) -> Table:
    data = [[Paragraph(escape(h), SMALL_BOLD) for h in header]]
    data += [[Paragraph(escape(str(cell)), SMALL) for cell in row] for row in rows]
    table = Table(data, colWidths=list(widths), repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE7F0")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _heading(number: str, title: str, style: ParagraphStyle) -> Paragraph:
    return _p(f"{number}. {title}" if "." not in number else f"{number} {title}", style)


def _grade_text(grade: ikm.Grade | None) -> str:
    return "–" if grade is None else f"{grade.letter} ({grade.label})"


def _story(
    results: PeriodResults, followups: Sequence[FollowUpAction], width: float
) -> list[Flowable]:
    period = results.period
    office = period.office
    result = results.result
    start = formats.date_format(period.start_date, "DATE_FORMAT")
    end = formats.date_format(period.end_date, "DATE_FORMAT")
    story: list[Flowable] = [
        _p(_("Community Satisfaction Survey Report"), TITLE),
        _p(office.name, SUBTITLE),
        _p(f"{period.name} ({start} – {end})", SUBTITLE),
        Spacer(1, 6 * mm),
    ]

    # 1. Introduction
    story.append(_heading("1", _("Introduction"), CHAPTER))
    story.append(
        _p(
            _(
                "This report presents the results of the community satisfaction survey "
                "(SKM) of %(office)s for the period %(period)s. The survey follows the "
                "Regulation of the Minister for Administrative and Bureaucratic Reform "
                "(PermenPANRB) No. 14 of 2017 and covers the job seeker card (AK/1) service "
                "and the services around it. Its purpose is to measure how satisfied the "
                "public is and to find the elements the office must improve first."
            )
            % {"office": office.name, "period": period.name}
        )
    )
    story.append(_p(_("The survey measures nine service elements (unsur):")))
    story.append(
        _table(
            [_("Code"), _("Element")],
            [(e.code, e.name) for e in ikm.ELEMENTS],
            [18 * mm, width - 18 * mm],
        )
    )

    # 2. Data collection
    story.append(_heading("2", _("Data collection"), CHAPTER))
    story.append(
        _p(
            _(
                "Answers were collected from %(start)s to %(end)s through a single-use "
                "invitation link given after a service, the survey kiosk at the office "
                "counter and paper questionnaires entered by staff. Respondents are "
                "anonymous: no name or contact is stored with the answers. Every question "
                "is answered on a scale of 1 (worst) to 4 (best)."
            )
            % {"start": start, "end": end}
        )
    )
    story.append(
        _p(
            ngettext(
                "%(n)s respondent answered. For %(population)s service users in the period "
                "the minimum sample (Krejcie & Morgan) is %(target)s respondents; "
                "%(percent)s%% of it was reached.",
                "%(n)s respondents answered. For %(population)s service users in the period "
                "the minimum sample (Krejcie & Morgan) is %(target)s respondents; "
                "%(percent)s%% of it was reached.",
                results.respondents,
            )
            % {
                "n": results.respondents,
                "population": period.target_population,
                "target": results.sample_target,
                "percent": results.progress_percent,
            }
        )
    )
    if results.channels:
        story.append(
            _table(
                [_("Channel"), _("Respondents")],
                [(label, count) for label, count in results.channels],
                [width - 40 * mm, 40 * mm],
            )
        )

    # 3. Results
    story.append(_heading("3", _("Results"), CHAPTER))
    story.append(_heading("3.1", _("Results per element"), SECTION))
    story.append(
        _table(
            [_("Code"), _("Element"), _("Answered"), "NRR", _("Converted"), _("Grade")],
            [
                (
                    e.code,
                    e.element.name,
                    e.respondents,
                    _num(e.nrr_display),
                    _num(e.converted_display),
                    _grade_text(e.grade),
                )
                for e in result.elements
            ],
            [13 * mm, width - 115 * mm, 24 * mm, 16 * mm, 30 * mm, 32 * mm],
        )
    )
    story.append(_heading("3.2", _("Community satisfaction index"), SECTION))
    if result.complete:
        story.append(
            _p(
                _("IKM %(ikm)s; converted value %(converted)s; grade %(grade)s.")
                % {
                    "ikm": _num(result.ikm_display),
                    "converted": _num(result.converted_display),
                    "grade": _grade_text(result.grade),
                },
                INDEX,
            )
        )
    else:
        story.append(_p(_("Not yet available: every element needs at least one answer."), INDEX))
    story.append(
        _p(
            _(
                "How the index is computed (PermenPANRB 14/2017): each answer is 1 to 4. A "
                "respondent's score for an element is the mean of their answers in that "
                "element. The element's NRR is the sum of these scores divided by the number "
                "of respondents who answered it. The IKM is the mean of the 9 NRRs (each "
                "weighs exactly 1/9), and the converted value is IKM × 25. Values are exact "
                "and rounded half-up to 2 decimals only for display. The grade uses the "
                "rounded converted value: 88.31–100 A (very good), 76.61–88.30 B (good), "
                "65.00–76.60 C (poor), 25.00–64.99 D (very poor)."
            ),
            SMALL,
        )
    )
    story.append(_heading("3.3", _("Respondent profile"), SECTION))
    total = results.respondents or 1
    for title, rows in results.profile:
        if not rows:
            continue
        story.append(
            KeepTogether(
                [
                    _p(title, SMALL_BOLD),
                    _table(
                        [_("Answer"), _("Respondents"), "%"],
                        [(label, count, _num(count * 100 / total, 1)) for label, count in rows],
                        [width - 60 * mm, 35 * mm, 25 * mm],
                    ),
                    Spacer(1, 3 * mm),
                ]
            )
        )

    # 4. Analysis and follow-up plan
    story.append(_heading("4", _("Analysis and follow-up plan"), CHAPTER))
    weakest = results.weakest
    if weakest:
        story.append(
            _p(
                _("The lowest elements, where the office improves first: %(list)s.")
                % {
                    "list": "; ".join(
                        f"{e.code} {e.element.name} ({_num(e.converted_display)}, "
                        f"{e.grade.letter if e.grade else '–'})"
                        for e in weakest
                    )
                }
            )
        )
    else:
        story.append(_p(_("There are no answers yet, so no element can be analysed.")))
    if followups:
        statuses = dict(FollowUpStatus.choices)
        story.append(
            _table(
                [
                    _("Element"),
                    pgettext("follow-up plan", "Action"),
                    _("Quarter"),
                    _("Person responsible"),
                    _("Status"),
                ],
                [
                    (
                        f"{f.element} {ikm.ELEMENTS_BY_CODE[f.element].name}",
                        f.action,
                        f.quarter,
                        f.person_responsible,
                        str(statuses.get(f.status, f.status)),
                    )
                    for f in followups
                ],
                [34 * mm, width - 122 * mm, 20 * mm, 38 * mm, 30 * mm],
            )
        )
    else:
        story.append(_p(_("No follow-up action has been planned yet.")))

    # 5. Conclusion
    story.append(_heading("5", _("Conclusion"), CHAPTER))
    if result.complete and result.grade is not None:
        story.append(
            _p(
                _(
                    "The community satisfaction index of %(office)s for %(period)s is "
                    "%(converted)s, grade %(letter)s (%(label)s), from %(n)s respondents."
                )
                % {
                    "office": office.name,
                    "period": period.name,
                    "converted": _num(result.converted_display),
                    "letter": result.grade.letter,
                    "label": result.grade.label,
                    "n": results.respondents,
                }
            )
        )
    else:
        story.append(
            _p(
                _(
                    "The index of this period cannot be stated yet: every element needs at "
                    "least one answer."
                )
            )
        )
    if weakest:
        story.append(
            _p(
                ngettext(
                    "The follow-up plan has %(count)s action for the elements above.",
                    "The follow-up plan has %(count)s actions for the elements above.",
                    len(followups),
                )
                % {"count": len(followups)}
            )
        )
    return story


def render_report(*, results: PeriodResults, followups: Sequence[FollowUpAction]) -> bytes:
    """The PDF report of a period (always Indonesian, see the module docstring)."""
    register_fonts()
    buffer = io.BytesIO()
    with translation.override("id"):
        period = results.period
        generated = formats.date_format(timezone.localdate(), "DATE_FORMAT")
        footer = _("%(office)s · Survey report %(period)s · generated %(date)s") % {
            "office": period.office.name,
            "period": period.name,
            "date": generated,
        }
        page_label = _("Page %(number)s")

        def decorate(canvas, doc) -> None:
            canvas.saveState()
            canvas.setFont(FONT, 8)
            canvas.drawString(MARGIN, 10 * mm, footer)
            canvas.drawRightString(A4[0] - MARGIN, 10 * mm, page_label % {"number": doc.page})
            canvas.restoreState()

        doc = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=_("Community Satisfaction Survey Report") + f" — {period.name}",
            author=period.office.name,
        )
        doc.build(
            _story(results, followups, doc.width), onFirstPage=decorate, onLaterPages=decorate
        )
    return buffer.getvalue()
