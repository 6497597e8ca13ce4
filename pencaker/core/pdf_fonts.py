"""The fonts embedded in every PDF Pencaker makes (cards, survey reports).

DejaVu covers Indonesian text and is packaged by Debian (fonts-dejavu-core); PDFs embed it,
so they print the same everywhere.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"


def register_fonts(font_dir: Path = FONT_DIR) -> None:
    """Register the embedded fonts once; fail with a clear message when they are missing."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    files = {FONT: font_dir / "DejaVuSans.ttf", FONT_BOLD: font_dir / "DejaVuSans-Bold.ttf"}
    missing = [str(path) for path in files.values() if not path.is_file()]
    if missing:
        raise ImproperlyConfigured(
            "PDFs need the DejaVu fonts (Debian package fonts-dejavu-core); missing: "
            + ", ".join(missing)
        )
    for name, path in files.items():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )
