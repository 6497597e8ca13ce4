"""Side 2 of the card: biodata, education, skills, experience, validity, the signer."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph

from pencaker.cards.pdf_render.layout import (
    INNER_W,
    MARGIN,
    PANEL_W,
    CardPrint,
    Panel,
    escape,
    print_date,
)
from pencaker.core.pdf_fonts import FONT, FONT_BOLD


def draw_back(c: canvas.Canvas, card: CardPrint) -> None:
    d = card.data
    p = Panel(c, PANEL_W)
    s = p.styles
    p.para(_("JOB SEEKER DATA"), "title")
    p.gap(3)
    p.rule()
    p.gap(2)
    birth = ", ".join(x for x in (d.get("birth_place") or "", print_date(d.get("birth_date"))) if x)
    rows = [
        (_("Full name"), d.get("name")),
        (_("Place and date of birth"), birth),
        (_("Sex"), d.get("sex")),
        (_("Marital status"), d.get("marital_status")),
        (_("Religion"), d.get("religion")),
        (_("Address"), d.get("address")),
    ]
    p.table(
        [[label, ":", Paragraph(escape(value), s["base"])] for label, value in rows],
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
        return Paragraph(escape(value), s["small"])

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
            [_("Issued on"), ":", print_date(card.issued_on)],
            [_("Valid until"), ":", print_date(card.valid_until)],
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
    c.drawString(block_x, y, ", ".join(x for x in (place, print_date(card.issued_on)) if x))
    title = office.get("signer_title") or _("Employment officer (Pengantar Kerja)")
    c.drawString(block_x, y - 4 * mm, title[:60])
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
