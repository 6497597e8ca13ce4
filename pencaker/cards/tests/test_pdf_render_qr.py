"""The QR code is drawn as one vector path that covers exactly the dark modules.

(The decoding of the printed code from a rendered page with zbarimg is in test_qr_scan.)
"""

from __future__ import annotations

import io
import re

import segno
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest import approx
from reportlab.pdfgen import canvas

from pencaker.cards import pdf_render

URL = "http://testserver/kartu/v/" + "Ab9_-" * 50
RECT = re.compile(rb"(-?\d+) (-?\d+) (\d+) 1 re")


def _qr_content_stream(url: str) -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(200, 200), invariant=True, pageCompression=0)
    pdf_render._draw_qr(c, url, 10, 20, 150)
    c.showPage()
    c.save()
    return buffer.getvalue()


def _dark_modules(url: str) -> set[tuple[int, int]]:
    matrix = segno.make(url, error="m", micro=False).matrix
    return {(r, col) for r, row in enumerate(matrix) for col, dark in enumerate(row) if dark}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.booleans(), min_size=1, max_size=12), min_size=1, max_size=12))
def test_runs_cover_exactly_the_dark_modules(matrix):
    covered = [
        (row, col)
        for row, start, length in pdf_render._qr_runs(matrix)
        for col in range(start, start + length)
    ]
    dark = [(r, col) for r, row in enumerate(matrix) for col, value in enumerate(row) if value]
    assert sorted(covered) == dark
    assert len(covered) == len(set(covered))


def test_runs_are_maximal_so_neighbours_share_one_rectangle():
    runs = pdf_render._qr_runs([[1, 1, 0, 1], [0, 0, 0, 0], [1, 1, 1, 1]])
    assert runs == [(0, 0, 2), (0, 3, 1), (2, 0, 4)]


def test_qr_is_drawn_as_one_filled_path_of_exactly_the_dark_modules():
    pdf = _qr_content_stream(URL)

    drawn = {
        (int(row), col)
        for start, row, length in RECT.findall(pdf)
        for col in range(int(start), int(start) + int(length))
    }
    assert drawn == _dark_modules(URL)
    # One path holds every rectangle and is filled once (non-zero winding).
    (path,) = re.findall(rb"\nn ((?:\d+ \d+ \d+ 1 re ?)+)\nf\n", pdf)
    assert len(RECT.findall(path)) == len(RECT.findall(pdf))


def test_qr_module_grid_fits_the_printed_square_with_its_quiet_zone():
    x, y, size = 10, 20, 150
    pdf = _qr_content_stream(URL)
    count = len(segno.make(URL, error="m", micro=False).matrix)
    module = size / (count + 2 * pdf_render.QR_QUIET_ZONE)

    (matrix,) = re.findall(rb"([-\d.]+) 0 0 ([-\d.]+) ([-\d.]+) ([-\d.]+) cm\nn \d", pdf)
    scale_x, scale_y, origin_x, origin_y = (float(value) for value in matrix)

    # One unit per module, y pointing down from the top left module inside the quiet zone.
    assert (scale_x, scale_y) == (approx(module, rel=1e-5), approx(-module, rel=1e-5))
    assert origin_x == approx(x + pdf_render.QR_QUIET_ZONE * module, rel=1e-5)
    assert origin_y == approx(y + size - pdf_render.QR_QUIET_ZONE * module, rel=1e-5)
    assert b"n 10 20 150 150 re f" in pdf  # the white square behind it
