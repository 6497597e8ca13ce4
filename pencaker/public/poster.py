"""The QR code on the guide poster: an inline SVG, so it prints sharp at any size."""

from __future__ import annotations

import segno
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def qr_svg(url: str, *, label: str) -> SafeString:
    """A QR code for ``url`` as inline SVG that scales to its container (no width/height,
    a viewBox), with ``role="img"`` and a label for screen readers."""
    svg = segno.make(url, error="m").svg_inline(
        scale=1, border=4, omitsize=True, svgclass="poster-qr", lineclass=None
    )
    labelled = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    # segno's output holds only the path data it computed and the escaped label.
    return mark_safe(labelled)  # noqa: S308
