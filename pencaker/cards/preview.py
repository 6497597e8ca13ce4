"""The card as it will print, before approval: both sides rendered from the application's
frozen data as PNG images for the operator's review screen.

The same code path as the issue: ``card_data_from_snapshot`` freezes the same fields, the
same ``render_card_pdf`` draws the page (unsigned: nothing is signed, numbered or stored),
and poppler's ``pdftoppm`` rasterises it; the page is cut at the fold into side 1 and
side 2. The number and the QR code do not exist before approval: the preview prints the
office's number prefix with the sequence as ``XXXXXX`` and a QR code of the public check
page. Images are cached per application and snapshot (the frozen data does not change
while the application is in review; a resubmission changes the snapshot, so its key).
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.utils import timezone
from PIL import Image

from pencaker.cards import rules, signing
from pencaker.cards.card_data import card_data_from_snapshot, photo_bytes
from pencaker.cards.pdf_render import CardPrint, render_card_pdf
from pencaker.core.links import absolute_url

SIDES = ("1", "2")
DPI = 110
CACHE_SECONDS = 30 * 60


class PreviewUnavailable(RuntimeError):
    """poppler's pdftoppm is not installed (``.ci/run`` installs poppler-utils)."""


def _print_for(application: Any) -> CardPrint:
    office = application.office
    data = card_data_from_snapshot(application.snapshot, application.documents, office)
    today = timezone.localdate()
    return CardPrint(
        number=f"{office.code.replace('.', '')}-{today.year}-XXXXXX-X",
        version=1,
        issued_on=today,
        valid_until=rules.valid_until(today),
        signer_name=office.signer_name,
        signer_nip=office.signer_nip,
        qr_url=absolute_url("/kartu/cek/"),
        data=data,
        photo=photo_bytes(application.applicant, data),
        reports=[],
        demo=signing.current_signer().is_demo,
    )


def card_preview_pdf(application: Any) -> bytes:
    """The unsigned PDF the card code would produce for the application's frozen data."""
    return render_card_pdf(_print_for(application))


def _rasterise(pdf: bytes) -> Image.Image:
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise PreviewUnavailable("pdftoppm (poppler-utils) is not installed")
    with tempfile.TemporaryDirectory(prefix="pencaker-preview-") as folder:
        source = Path(folder) / "card.pdf"
        source.write_bytes(pdf)
        subprocess.run(  # noqa: S603 - a fixed tool on a file we wrote
            [
                tool,
                "-png",
                "-r",
                str(DPI),
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(source),
                str(Path(folder) / "page"),
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
        with Image.open(Path(folder) / "page.png") as image:
            return image.convert("RGB")


def _key(application: Any) -> str:
    frozen = json.dumps(
        [application.snapshot, application.documents], sort_keys=True, default=str
    ).encode()
    digest = hashlib.sha256(frozen).hexdigest()[:24]
    return f"cards:preview:{application.pk}:{digest}:{timezone.localdate().isoformat()}"


def card_preview_images(application: Any) -> dict[str, bytes]:
    """PNG bytes of side 1 and side 2 (``{"1": ..., "2": ...}``)."""
    key = _key(application)
    cached = cache.get(key)
    if cached is not None:
        return cached
    page = _rasterise(card_preview_pdf(application))
    half = page.width // 2
    images: dict[str, bytes] = {}
    for side, box in (("1", (0, 0, half, page.height)), ("2", (half, 0, page.width, page.height))):
        buffer = io.BytesIO()
        page.crop(box).save(buffer, "PNG", optimize=True)
        images[side] = buffer.getvalue()
    cache.set(key, images, timeout=CACHE_SECONDS)
    return images
