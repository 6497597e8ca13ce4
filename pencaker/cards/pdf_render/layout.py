"""The card's layout: page and panel sizes, the printed data, shared drawing helpers."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, Table, TableStyle

from pencaker.core.pdf_fonts import FONT, FONT_BOLD

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


def print_date(value: Any) -> str:
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


def escape(text: Any) -> str:
    return (
        str(text if text not in (None, "") else "-")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


class Panel:
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


def photo_reader(photo: bytes | None) -> ImageReader | None:
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
