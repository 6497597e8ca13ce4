"""The AK/1 card as a PDF (reportlab): one A4 landscape page, folded in the middle.

The left half is side 1 (letterhead, title, number, NIK, photo, holder signature, the four
Ketentuan, the Laporan table, placement line, QR code); the right half is side 2 (biodata,
education, skills and training, work experience, validity and the signing official). Fold
on the dashed line and the sheet is a two-sided A5 card. Printed text is always Indonesian
(the card is an official form); its English msgids live in the catalogue like every other
string and are rendered under ``translation.override("id")``.

Fonts: DejaVu Sans, embedded (subset) so every PDF reader shows the same glyphs.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

import segno
from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas
from reportlab.pdfgen.canvas import FILL_NON_ZERO
from reportlab.platypus import Paragraph, Table, TableStyle

from pencaker.cards.rules import REPORT_MONTHS, add_months
from pencaker.core.pdf_fonts import FONT, FONT_BOLD, register_fonts

PAGE_W, PAGE_H = landscape(A4)
PANEL_W = PAGE_W / 2
MARGIN = 9 * mm
INNER_W = PANEL_W - 2 * MARGIN


@dataclass(frozen=True)
class CardPrint:
    """Everything printed on one card version."""

    number: str
    version: int
    issued_on: dt.date
    valid_until: dt.date
    signer_name: str
    signer_nip: str
    qr_url: str
    data: dict[str, Any]
    photo: bytes | None = None
    reports: list[dict[str, str]] = field(default_factory=list)
    demo: bool = False


def _date(value: Any) -> str:
    if not value:
        return "-"
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return formats.date_format(value, "j F Y")


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=FONT, fontSize=8, leading=10)
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.2, leading=9.2),
        "bold": ParagraphStyle("bold", parent=base, fontName=FONT_BOLD),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
        "title": ParagraphStyle(
            "title", parent=base, fontName=FONT_BOLD, fontSize=10, leading=12, alignment=TA_CENTER
        ),
        "head": ParagraphStyle(
            "head", parent=base, fontName=FONT_BOLD, fontSize=8, leading=10, spaceBefore=3
        ),
    }


def _esc(text: Any) -> str:
    return (
        str(text if text not in (None, "") else "-")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


class _Panel:
    """Draws paragraphs and tables top-down inside one half of the page."""

    def __init__(self, c: canvas.Canvas, x: float) -> None:
        self.c = c
        self.x = x + MARGIN
        self.y = PAGE_H - MARGIN
        self.styles = _styles()

    def para(self, html: str, style: str = "base", width: float = INNER_W, dx: float = 0) -> None:
        p = Paragraph(html, self.styles[style])
        _w, h = p.wrap(width, PAGE_H)
        p.drawOn(self.c, self.x + dx, self.y - h)
        self.y -= h

    def table(
        self,
        rows: list[list[Any]],
        widths: list[float],
        style: list[Any],
        heights: list[float] | None = None,
    ) -> None:
        t = Table(rows, colWidths=widths, rowHeights=heights)
        t.setStyle(TableStyle(style))
        _w, h = t.wrap(INNER_W, PAGE_H)
        t.drawOn(self.c, self.x, self.y - h)
        self.y -= h

    def gap(self, points: float) -> None:
        self.y -= points

    def rule(self, width: float = 0.8) -> None:
        self.c.setLineWidth(width)
        self.c.line(self.x, self.y, self.x + INNER_W, self.y)


QR_QUIET_ZONE = 2  # modules of white around the symbol, inside the printed square


def _qr_runs(matrix: Any) -> list[tuple[int, int, int]]:
    """The dark modules as horizontal runs: (row, first column, length), row 0 on top."""
    runs = []
    for row_index, row in enumerate(matrix):
        start = None
        for col_index, dark in enumerate(row):
            if dark and start is None:
                start = col_index
            elif not dark and start is not None:
                runs.append((row_index, start, col_index - start))
                start = None
        if start is not None:
            runs.append((row_index, start, len(row) - start))
    return runs


class _ModulePath:
    """A PDF path of whole-module rectangles, for ``Canvas.drawPath`` (which reads only
    ``getCode``). Coordinates are integers (one unit per module), so the operators are
    written directly: reportlab's path object formats every number as a float in pure
    Python, which took ~7 ms for the ~1,100 runs of a card's QR code."""

    def __init__(self, runs: list[tuple[int, int, int]]) -> None:
        self.code = "n " + " ".join(f"{start} {row} {length} 1 re" for row, start, length in runs)

    def getCode(self) -> str:  # noqa: N802 - reportlab's method name
        return self.code


def _draw_qr(c: canvas.Canvas, url: str, x: float, y: float, size: float) -> None:
    """The QR code as one filled vector path.

    Each run of dark modules in a row is one rectangle of a single path, filled once (not
    one filled rectangle per module): a third of the operators, no hairline seams between
    neighbouring modules when a viewer anti-aliases, and sharp at any printer resolution.
    """
    qr = segno.make(url, error="m", micro=False)
    matrix = qr.matrix
    module = size / (len(matrix) + 2 * QR_QUIET_ZONE)
    c.saveState()
    c.setFillColor(colors.white)
    c.rect(x, y, size, size, stroke=0, fill=1)
    c.setFillColor(colors.black)
    # One unit per module, and row 0 at the top: the y axis points down inside the symbol.
    c.translate(x + QR_QUIET_ZONE * module, y + size - QR_QUIET_ZONE * module)
    c.scale(module, -module)
    c.drawPath(_ModulePath(_qr_runs(matrix)), stroke=0, fill=1, fillMode=FILL_NON_ZERO)
    c.restoreState()


def _photo_reader(photo: bytes | None) -> ImageReader | None:
    """The photo as an image, or None (an unreadable photo leaves the box for a print)."""
    if not photo:
        return None
    try:
        from PIL import Image

        with Image.open(io.BytesIO(photo)) as image:
            image.verify()
        return ImageReader(io.BytesIO(photo))
    except Exception:  # noqa: BLE001 - Pillow raises many types for broken images
        return None


def _side_one(c: canvas.Canvas, card: CardPrint) -> None:
    d = card.data
    office = d.get("office", {})
    p = _Panel(c, 0)
    s = p.styles
    for line in (office.get("letterhead_line1"), office.get("letterhead_line2")):
        if line:
            p.para(f"<b>{_esc(line)}</b>", "center")
    p.para(f"<b>{_esc(office.get('name'))}</b>", "center")
    contact = " · ".join(x for x in (office.get("address"), office.get("phone")) if x)
    if contact:
        p.para(_esc(contact), "small")
    p.gap(2)
    p.rule(1.2)
    # The form code, boxed in the top right corner as on the printed form.
    c.setFont(FONT_BOLD, 9)
    c.rect(p.x + INNER_W - 14 * mm, PAGE_H - MARGIN - 5.5 * mm, 14 * mm, 5.5 * mm)
    c.drawCentredString(p.x + INNER_W - 7 * mm, PAGE_H - MARGIN - 4 * mm, "AK/I")
    p.gap(4)
    p.para(_("JOB SEEKER REGISTRATION CARD"), "title")
    p.gap(4)
    p.table(
        [
            [_("Registration number"), ":", Paragraph(f"<b>{_esc(card.number)}</b>", s["base"])],
            [_("NIK"), ":", d.get("nik") or "-"],
        ],
        [50 * mm, 3 * mm, INNER_W - 53 * mm],
        [
            ("FONT", (0, 0), (-1, -1), FONT, 8),
            ("FONT", (2, 1), (2, 1), FONT_BOLD, 8),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ],
    )
    p.gap(4)
    top = p.y
    photo_w, photo_h = 30 * mm, 40 * mm
    c.setLineWidth(0.6)
    c.rect(p.x, top - photo_h, photo_w, photo_h)
    photo = _photo_reader(card.photo)
    if photo is not None:
        c.drawImage(
            photo,
            p.x + 0.5,
            top - photo_h + 0.5,
            photo_w - 1,
            photo_h - 1,
            preserveAspectRatio=True,
            anchor="c",
        )
    else:
        c.setFont(FONT, 7)
        c.drawCentredString(p.x + photo_w / 2, top - photo_h / 2, _("Photo 3x4"))
    sig_x = p.x + photo_w + 4 * mm
    sig_w = 44 * mm
    c.rect(sig_x, top - 22 * mm, sig_w, 22 * mm)
    c.setFont(FONT, 6.5)
    c.drawCentredString(sig_x + sig_w / 2, top - 20.5 * mm, _("Signature of the job seeker"))
    qr_size = 40 * mm
    _draw_qr(c, card.qr_url, p.x + INNER_W - qr_size, top - qr_size, qr_size)
    c.setFont(FONT, 6)
    c.drawCentredString(sig_x + sig_w / 2, top - 27 * mm, _("Scan the QR code to check this card"))
    if card.version > 1:
        c.drawCentredString(
            sig_x + sig_w / 2, top - 30 * mm, _("Version %(version)s") % {"version": card.version}
        )
    p.y = top - photo_h - 4
    terms_title = _("Terms")
    p.para(f"<b>{_esc(terms_title)}</b>", "base")
    terms = [
        _("This card is valid in every employment office in Indonesia."),
        _("Report to the employment office any change of your data and when you get a job."),
        _(
            "When you are hired, the employer reports it to the employment office and the "
            "card is returned."
        ),
        _(
            "This card is valid for 2 years; while you have no job, report every 6 months "
            "(see the table below)."
        ),
    ]
    for index, term in enumerate(terms, start=1):
        p.para(f"{index}. {_esc(term)}", "small", width=INNER_W - 3 * mm, dx=3 * mm)
        p.gap(1.5)
    p.gap(6)
    ordinals = [_("First report"), _("Second report"), _("Third report")]
    reports = {int(r.get("n", 0)): r for r in card.reports if isinstance(r, dict)}
    rows: list[list[Any]] = [
        [_("Report"), _("Due"), _("Date reported"), _("Officer (name, signature)")]
    ]
    for n, months in enumerate(REPORT_MONTHS, start=1):
        done = reports.get(n, {})
        rows.append(
            [
                ordinals[n - 1],
                _date(add_months(card.issued_on, months)),
                _date(done.get("date")) if done else "",
                _esc(done.get("officer")) if done else "",
            ]
        )
    p.table(
        rows,
        [28 * mm, 26 * mm, 24 * mm, INNER_W - 78 * mm],
        [
            ("FONT", (0, 0), (-1, -1), FONT, 7.5),
            ("FONT", (0, 0), (-1, 0), FONT_BOLD, 7.5),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ],
        heights=[6 * mm] + [12 * mm] * len(REPORT_MONTHS),
    )
    p.gap(10)
    placement = d.get("placement") or {}
    p.para(
        _("Hired by %(employer)s starting on %(date)s")
        % {
            "employer": _esc(placement.get("employer")) if placement else "." * 40,
            "date": _date(placement.get("date")) if placement else "." * 20,
        },
        "base",
    )


def _side_two(c: canvas.Canvas, card: CardPrint) -> None:
    d = card.data
    p = _Panel(c, PANEL_W)
    s = p.styles
    p.para(_("JOB SEEKER DATA"), "title")
    p.gap(3)
    p.rule()
    p.gap(2)
    birth = ", ".join(x for x in (d.get("birth_place") or "", _date(d.get("birth_date"))) if x)
    rows = [
        (_("Full name"), d.get("name")),
        (_("Place and date of birth"), birth),
        (_("Sex"), d.get("sex")),
        (_("Marital status"), d.get("marital_status")),
        (_("Religion"), d.get("religion")),
        (_("Address"), d.get("address")),
    ]
    p.table(
        [[label, ":", Paragraph(_esc(value), s["base"])] for label, value in rows],
        [36 * mm, 3 * mm, INNER_W - 39 * mm],
        [
            ("FONT", (0, 0), (-1, -1), FONT, 7.2),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 0.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ],
    )
    grid = [
        ("FONT", (0, 0), (-1, -1), FONT, 6.8),
        ("FONT", (0, 0), (-1, 0), FONT_BOLD, 6.8),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]

    def cell(value: Any) -> Paragraph:
        return Paragraph(_esc(value), s["small"])

    p.para(_("Education"), "head")
    p.gap(1)
    education = d.get("education") or []
    p.table(
        [[_("Level"), _("School and major"), _("Year")]]
        + [
            [
                cell(e.get("level")),
                cell(" — ".join(x for x in (e.get("institution"), e.get("major")) if x)),
                cell(e.get("year")),
            ]
            for e in education[:4]
        ]
        + ([[cell("-"), cell("-"), cell("-")]] if not education else []),
        [18 * mm, INNER_W - 32 * mm, 14 * mm],
        grid,
    )
    p.para(_("Skills and training"), "head")
    p.gap(1)
    training = d.get("training") or []
    skills = ", ".join(d.get("skills") or [])
    rows2: list[list[Any]] = [[_("Training or certificate"), _("Organizer"), _("Year")]]
    rows2 += [
        [cell(t.get("name")), cell(t.get("organizer")), cell(t.get("year"))] for t in training[:3]
    ]
    if skills:
        rows2.append([cell(_("Skills") + ": " + skills), "", ""])
    if len(rows2) == 1:
        rows2.append([cell("-"), cell("-"), cell("-")])
    span = [("SPAN", (0, len(rows2) - 1), (-1, len(rows2) - 1))] if skills else []
    p.table(rows2, [INNER_W - 60 * mm, 46 * mm, 14 * mm], grid + span)
    p.para(_("Work experience"), "head")
    p.gap(1)
    experience = d.get("experience") or []
    p.table(
        [[_("Employer"), _("Position"), _("Period")]]
        + [
            [
                cell(e.get("employer")),
                cell(e.get("position")),
                cell(f"{(e.get('start') or '')[:4]}–{(e.get('end') or '')[:4] or _('now')}"),
            ]
            for e in experience[:3]
        ]
        + ([[cell("-"), cell("-"), cell("-")]] if not experience else []),
        [INNER_W - 68 * mm, 46 * mm, 22 * mm],
        grid,
    )
    p.gap(5)
    p.table(
        [
            [_("Issued on"), ":", _date(card.issued_on)],
            [_("Valid until"), ":", _date(card.valid_until)],
        ],
        [36 * mm, 3 * mm, INNER_W - 39 * mm],
        [
            ("FONT", (0, 0), (-1, -1), FONT, 7.5),
            ("FONT", (2, 1), (2, 1), FONT_BOLD, 7.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
        ],
    )
    # Signer block, bottom right of side 2.
    office = d.get("office", {})
    block_x = p.x + INNER_W - 62 * mm
    y = MARGIN + 40 * mm
    c.setFont(FONT, 7.5)
    place = office.get("city") or ""
    c.drawString(block_x, y, ", ".join(x for x in (place, _date(card.issued_on)) if x))
    c.drawString(block_x, y - 4 * mm, _("Employment officer (Pengantar Kerja)"))
    c.setFont(FONT, 6.3)
    c.setFillColor(colors.HexColor("#333333"))
    c.drawString(block_x, y - 9 * mm, _("Signed electronically (see the PDF signature)"))
    c.setFillColor(colors.black)
    c.setFont(FONT_BOLD, 7.8)
    name = card.signer_name or "-"
    c.drawString(block_x, y - 19 * mm, name)
    c.setLineWidth(0.5)
    c.line(
        block_x,
        y - 19.8 * mm,
        block_x + pdfmetrics.stringWidth(name, FONT_BOLD, 7.8),
        y - 19.8 * mm,
    )
    c.setFont(FONT, 7.5)
    c.drawString(block_x, y - 23.5 * mm, f"NIP. {card.signer_nip or '-'}")
    c.setFont(FONT, 6)
    c.drawString(
        p.x,
        MARGIN + 2 * mm,
        _("Check this card: %(url)s") % {"url": card.qr_url.split("/kartu/")[0] + "/kartu/cek/"},
    )
    if card.demo:
        c.setFillColor(colors.HexColor("#b00020"))
        c.setFont(FONT_BOLD, 7)
        c.drawString(p.x, MARGIN + 6 * mm, _("DEMO — NOT LEGALLY VALID"))
        c.setFillColor(colors.black)


def render_card_pdf(card: CardPrint) -> bytes:
    """The unsigned PDF of one card version (A4 landscape, two A5 sides)."""
    register_fonts()
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(PAGE_W, PAGE_H), invariant=True, pageCompression=1)
    with translation.override("id"):
        c.setTitle(_("AK/1 card %(number)s") % {"number": card.number})
        c.setAuthor(card.data.get("office", {}).get("name", "Pencaker"))
        c.setSubject(_("JOB SEEKER REGISTRATION CARD"))
        c.setCreator("Pencaker")
        _side_one(c, card)
        _side_two(c, card)
        c.setDash(3, 3)
        c.setLineWidth(0.4)
        c.setStrokeColor(colors.HexColor("#888888"))
        c.line(PANEL_W, 4 * mm, PANEL_W, PAGE_H - 4 * mm)
        c.setFont(FONT, 5.5)
        c.setFillColor(colors.HexColor("#888888"))
        c.drawCentredString(PANEL_W, 1.5 * mm, _("fold here"))
    c.showPage()
    c.save()
    return buffer.getvalue()
