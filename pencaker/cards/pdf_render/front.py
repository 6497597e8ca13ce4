"""Side 1 of the card: letterhead, number, NIK, photo, Ketentuan, Laporan, placement, QR."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph

from pencaker.cards.pdf_render.layout import (
    INNER_W,
    MARGIN,
    PAGE_H,
    CardPrint,
    Panel,
    escape,
    photo_reader,
    print_date,
)
from pencaker.cards.pdf_render.qr import _draw_qr
from pencaker.cards.rules import REPORT_MONTHS, add_months
from pencaker.core.pdf_fonts import FONT, FONT_BOLD


def draw_front(c: canvas.Canvas, card: CardPrint) -> None:
    d = card.data
    office = d.get("office", {})
    p = Panel(c, 0)
    s = p.styles
    for line in (office.get("letterhead_line1"), office.get("letterhead_line2")):
        if line:
            p.para(f"<b>{escape(line)}</b>", "center")
    p.para(f"<b>{escape(office.get('name'))}</b>", "center")
    contact = " · ".join(x for x in (office.get("address"), office.get("phone")) if x)
    if contact:
        p.para(escape(contact), "small")
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
            [_("Registration number"), ":", Paragraph(f"<b>{escape(card.number)}</b>", s["base"])],
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
    photo = photo_reader(card.photo)
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
    p.para(f"<b>{escape(terms_title)}</b>", "base")
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
        p.para(f"{index}. {escape(term)}", "small", width=INNER_W - 3 * mm, dx=3 * mm)
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
                print_date(add_months(card.issued_on, months)),
                print_date(done.get("date")) if done else "",
                escape(done.get("officer")) if done else "",
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
            "employer": escape(placement.get("employer")) if placement else "." * 40,
            "date": print_date(placement.get("date")) if placement else "." * 20,
        },
        "base",
    )
