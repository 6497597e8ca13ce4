"""Small thumbnails of stored documents for the staff review page (issue 14, item 17).

A thumbnail is made when asked for, from the stored (already checked and re-encoded)
file, and is itself a fresh JPEG of at most ``THUMBNAIL_SIDE`` pixels: no metadata, no
byte of the original passes through. A PDF's first page is rendered by poppler's
``pdftoppm`` (installed with poppler-utils, as in CI) from standard input, with a time
limit; without it, or when it fails, a PDF has no thumbnail and the page shows an icon.
Nothing is cached: the bytes are personal data and are served with ``no-store``.
"""

from __future__ import annotations

import io
import shutil
import subprocess

from PIL import Image, UnidentifiedImageError

from pencaker.documents.models import DocumentVersion

THUMBNAIL_SIDE = 240
PDF_RENDER_SECONDS = 10
PDF_CONTENT_TYPE = "application/pdf"


def pdf_renderer() -> str | None:
    return shutil.which("pdftoppm")


def thumbnail_available(content_type: str) -> bool:
    """Whether a version of this type gets a thumbnail (else the page shows an icon)."""
    if content_type.startswith("image/"):
        return True
    return content_type == PDF_CONTENT_TYPE and pdf_renderer() is not None


def _first_page(data: bytes) -> bytes | None:
    program = pdf_renderer()
    if program is None:
        return None
    try:
        done = subprocess.run(  # noqa: S603 - fixed program and arguments, the PDF on stdin
            [
                program,
                "-f",
                "1",
                "-l",
                "1",
                "-scale-to",
                str(THUMBNAIL_SIDE * 2),
                "-png",
                "-singlefile",
                "-",
            ],
            input=data,
            capture_output=True,
            timeout=PDF_RENDER_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 and done.stdout else None


def thumbnail_bytes(version: DocumentVersion) -> bytes | None:
    """A JPEG thumbnail of ``version``, or None when none can be made."""
    if not thumbnail_available(version.content_type):
        return None
    with version.file.storage.open(str(version.file.name), "rb") as handle:
        data = handle.read()
    if version.content_type == PDF_CONTENT_TYPE:
        rendered = _first_page(data)
        if rendered is None:
            return None
        data = rendered
    try:
        with Image.open(io.BytesIO(data), formats=["JPEG", "PNG"]) as source:
            source.draft("RGB", (THUMBNAIL_SIDE, THUMBNAIL_SIDE))
            image = source.convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError):
        return None
    image.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=75, optimize=True)
    return out.getvalue()
