"""The QR code drawn as vector paths (one path of module runs per row)."""

from __future__ import annotations

from typing import Any

import segno
from reportlab.lib import colors
from reportlab.pdfgen import canvas
from reportlab.pdfgen.canvas import FILL_NON_ZERO

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
