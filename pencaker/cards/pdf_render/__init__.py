"""The AK/1 card as a PDF (reportlab): one A4 landscape page, folded in the middle.

The left half is side 1 (letterhead, title, number, NIK, photo, holder signature, the four
Ketentuan, the Laporan table, placement line, QR code); the right half is side 2 (biodata,
education, skills and training, work experience, validity and the signing official). Fold
on the dashed line and the sheet is a two-sided A5 card. Printed text is always Indonesian
(the card is an official form); its English msgids live in the catalogue like every other
string and are rendered under ``translation.override("id")``.

Fonts: DejaVu Sans, embedded (subset) so every PDF reader shows the same glyphs.

The package: ``layout`` (page and panel sizes, ``CardPrint``, the drawing helpers),
``qr`` (the QR code as vector paths), ``front`` (side 1), ``back`` (side 2); this module
assembles the page. Import from ``pencaker.cards.pdf_render``.
"""

from __future__ import annotations

import io

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from pencaker.cards.pdf_render.back import draw_back
from pencaker.cards.pdf_render.front import draw_front
from pencaker.cards.pdf_render.layout import PAGE_H, PAGE_W, PANEL_W, CardPrint
from pencaker.cards.pdf_render.qr import QR_QUIET_ZONE, _draw_qr, _qr_runs
from pencaker.core.pdf_fonts import FONT, FONT_BOLD, register_fonts

__all__ = [
    "FONT",
    "FONT_BOLD",
    "QR_QUIET_ZONE",
    "CardPrint",
    "_draw_qr",
    "_qr_runs",
    "register_fonts",
    "render_card_pdf",
]


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
        draw_front(c, card)
        draw_back(c, card)
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
