"""The printable one-page announcement of a vacancy for notice boards: the essentials and a
QR code to the vacancy's page (inline SVG, so it prints sharp at any size)."""

from __future__ import annotations

import segno
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def qr_svg(url: str, *, label: str) -> SafeString:
    svg = segno.make(url, error="m").svg_inline(
        scale=1, border=4, omitsize=True, svgclass="poster-qr", lineclass=None
    )
    labelled = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    # segno's output holds only the path data it computed and the escaped label.
    return mark_safe(labelled)  # noqa: S308
