"""Upload checks by content, never by file name or the browser's declared type.

What is accepted (and why):

* JPEG, PNG or PDF only, recognised by their magic bytes.
* At most ``settings.PENCAKER_MAX_UPLOAD_BYTES`` (5 MB by default).
* Images: at least ``IMAGE_MIN_SIDE`` pixels on the short side (a readable KTP scan) and at
  most ``IMAGE_MAX_PIXELS`` pixels, checked from the header *before* decoding so a
  decompression bomb is refused without allocating its pixels.
* The photo (pas foto 3x4) must be an image in portrait orientation with
  width/height between ``PHOTO_RATIO_MIN`` and ``PHOTO_RATIO_MAX`` (3:4 = 0.75, so about
  ±0.05) and at least ``PHOTO_MIN_WIDTH`` x ``PHOTO_MIN_HEIGHT`` pixels (what a card
  needs printed at 3x4 cm).
* Images are re-encoded (JPEG quality 90 / PNG) after applying the EXIF orientation, and
  every piece of metadata (EXIF incl. GPS, XMP, ICC, comments, text chunks) is dropped.
* PDFs must start with the PDF header, open with qpdf, not be encrypted, decode to at
  most ``PENCAKER_PDF_MAX_DECODED_MB`` and have at most ``PDF_MAX_PAGES`` pages; they are
  rewritten without JavaScript, actions, embedded files, forms and annotations
  (``pdf_clean``), and the rewritten file is what is stored.

Every refusal is a ``DomainError`` with a stable code and a message that tells a
first-time user what to do.
"""

from __future__ import annotations

import io
import re
import unicodedata
import warnings
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from pencaker.core.errors import DomainError
from pencaker.documents.choices import DocumentKind
from pencaker.documents.errors import DocumentErrorCode
from pencaker.documents.pdf_clean import pdf_clean, unreadable_pdf

JPEG = "image/jpeg"
PNG = "image/png"
PDF = "application/pdf"
EXTENSIONS = {JPEG: "jpg", PNG: "png", PDF: "pdf"}

IMAGE_MIN_SIDE = 300
IMAGE_MAX_PIXELS = 30_000_000
PHOTO_RATIO_MIN = 0.70
PHOTO_RATIO_MAX = 0.80
PHOTO_MIN_WIDTH = 300
PHOTO_MIN_HEIGHT = 400
PDF_MAX_PAGES = 20
JPEG_QUALITY = 90
_PDF_MAGIC_WINDOW = 1024

MB = 1024 * 1024


@dataclass(frozen=True)
class CheckedFile:
    """The bytes to store and what we learned about them."""

    data: bytes
    content_type: str
    width: int | None = None
    height: int | None = None
    page_count: int | None = None

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]


def max_upload_bytes() -> int:
    return int(settings.PENCAKER_MAX_UPLOAD_BYTES)


def _megabytes(size: int) -> str:
    value = size / MB
    if value >= 10 or abs(value - round(value)) < 0.05:
        return number_format(round(value), 0)
    return number_format(value, 1)


def too_large_error(size: int) -> DomainError:
    limit = max_upload_bytes()
    shown = _megabytes(size)
    if shown == _megabytes(limit):  # never "5 MB, over the 5 MB limit"
        shown = number_format(size / MB, 2)
    return DomainError(
        DocumentErrorCode.DOCUMENT_TOO_LARGE,
        _(
            "The file is %(size)s MB, over the %(limit)s MB limit. Make it smaller and upload "
            "it again: take the photo at a lower resolution, or scan at 150 dpi."
        )
        % {"size": shown, "limit": _megabytes(limit)},
        status=413,
        details={"size": size, "limit": limit},
    )


def sniff(head: bytes) -> str | None:
    """The content type from the first bytes, or None if not JPEG, PNG or PDF."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    # The PDF header may follow a little junk (allowed by readers); pypdf decides later.
    if b"%PDF-" in head[:_PDF_MAGIC_WINDOW]:
        return PDF
    return None


def sanitise_filename(name: str | None) -> str:
    """A display-only copy of the user's file name: no path, no control characters."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFKC", name)
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] not in {"C", "Z"} or ch == " ")
    name = re.sub(r"\s+", " ", name).strip(" .")
    if len(name) > 120:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 115 - len(ext)] + dot + ext) if dot and len(ext) <= 8 else name[:120]
    return name


def _read_limited(uploaded_file: IO[bytes] | Any, declared_size: int | None) -> bytes:
    limit = max_upload_bytes()
    if declared_size is not None and declared_size > limit:
        raise too_large_error(declared_size)
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    data = uploaded_file.read(limit + 1)
    if len(data) > limit:
        raise too_large_error(declared_size or len(data))
    return data


def check_upload(*, kind: str, uploaded_file: Any) -> CheckedFile:
    """Check an uploaded file for ``kind`` and return the bytes to store."""
    data = _read_limited(uploaded_file, getattr(uploaded_file, "size", None))
    return check_bytes(kind=kind, data=data)


def check_bytes(*, kind: str, data: bytes) -> CheckedFile:
    if len(data) > max_upload_bytes():
        raise too_large_error(len(data))
    if not data:
        raise DomainError(
            DocumentErrorCode.DOCUMENT_EMPTY,
            _("The file is empty. Choose the file again and upload it."),
        )
    content_type = sniff(data[:_PDF_MAGIC_WINDOW])
    if content_type is None and kind == DocumentKind.PHOTO:
        raise DomainError(
            DocumentErrorCode.DOCUMENT_TYPE_NOT_ALLOWED,
            _("This file is not a JPEG/PNG image. Upload the photo saved as JPG or PNG."),
        )
    if content_type is None:
        raise DomainError(
            DocumentErrorCode.DOCUMENT_TYPE_NOT_ALLOWED,
            _(
                "This file is not a JPEG/PNG image or a PDF. Upload a photo or scan saved as "
                "JPG, PNG or PDF."
            ),
        )
    if kind == DocumentKind.PHOTO and content_type == PDF:
        raise DomainError(
            DocumentErrorCode.DOCUMENT_PHOTO_NOT_IMAGE,
            _("The 3x4 photo must be a picture (JPG or PNG), not a PDF."),
        )
    if content_type == PDF:
        return _check_pdf(data)
    return _check_image(kind=kind, data=data, content_type=content_type)


def _unreadable_image() -> DomainError:
    return DomainError(
        DocumentErrorCode.DOCUMENT_IMAGE_UNREADABLE,
        _(
            "This picture cannot be opened; it may be damaged or incomplete. Take the photo "
            "or scan again and upload the new file."
        ),
    )


def _check_image(*, kind: str, data: bytes, content_type: str) -> CheckedFile:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            source = Image.open(io.BytesIO(data), formats=["JPEG", "PNG"])
            width, height = source.size  # from the header, nothing decoded yet
            if width * height > IMAGE_MAX_PIXELS:
                raise DomainError(
                    DocumentErrorCode.DOCUMENT_IMAGE_TOO_MANY_PIXELS,
                    _(
                        "The picture is too large (%(width)s x %(height)s pixels). Take it at a "
                        "lower resolution, at most %(megapixels)s megapixels."
                    )
                    % {
                        "width": width,
                        "height": height,
                        "megapixels": IMAGE_MAX_PIXELS // 1_000_000,
                    },
                )
            source.load()
            image: Image.Image = ImageOps.exif_transpose(source)
    except DomainError:
        raise
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
    ) as exc:
        raise _unreadable_image() from exc

    width, height = image.size
    if kind == DocumentKind.PHOTO:
        _check_photo_shape(width, height)
    elif min(width, height) < IMAGE_MIN_SIDE:
        raise DomainError(
            DocumentErrorCode.DOCUMENT_IMAGE_TOO_SMALL,
            _(
                "The picture is too small (%(width)s x %(height)s pixels) to be read. Take it "
                "again so that each side is at least %(min)s pixels."
            )
            % {"width": width, "height": height, "min": IMAGE_MIN_SIDE},
        )
    try:
        out = _reencode(image, content_type)
    except (OSError, ValueError) as exc:
        raise _unreadable_image() from exc
    return CheckedFile(data=out, content_type=content_type, width=width, height=height)


def _check_photo_shape(width: int, height: int) -> None:
    if width >= height:
        raise DomainError(
            DocumentErrorCode.DOCUMENT_PHOTO_NOT_PORTRAIT,
            _(
                "The photo is landscape (%(width)s x %(height)s pixels). A 3x4 photo must be "
                "portrait: taller than it is wide. Hold the phone upright, or crop the photo "
                "to 3:4, and upload it again."
            )
            % {"width": width, "height": height},
        )
    ratio = width / height
    if not PHOTO_RATIO_MIN <= ratio <= PHOTO_RATIO_MAX:
        raise DomainError(
            DocumentErrorCode.DOCUMENT_PHOTO_WRONG_RATIO,
            _(
                "The photo is not 3x4: its width is %(ratio)s of its height, but it must be "
                "between %(min)s and %(max)s. Crop the photo to 3:4 (for example 600 x 800 "
                "pixels) and upload it again."
            )
            % {
                "ratio": number_format(ratio, 2),
                "min": number_format(PHOTO_RATIO_MIN, 2),
                "max": number_format(PHOTO_RATIO_MAX, 2),
            },
            details={"width": width, "height": height},
        )
    if width < PHOTO_MIN_WIDTH or height < PHOTO_MIN_HEIGHT:
        raise DomainError(
            DocumentErrorCode.DOCUMENT_PHOTO_TOO_SMALL,
            _(
                "The photo is too small (%(width)s x %(height)s pixels). It must be at least "
                "%(min_width)s x %(min_height)s pixels. Take the photo again with the phone "
                "camera and upload the original picture."
            )
            % {
                "width": width,
                "height": height,
                "min_width": PHOTO_MIN_WIDTH,
                "min_height": PHOTO_MIN_HEIGHT,
            },
        )


def _reencode(image: Image.Image, content_type: str) -> bytes:
    """Fresh pixels only: a new image carries none of the source's metadata."""
    has_alpha = image.mode in {"RGBA", "LA", "PA"} or (
        image.mode == "P" and "transparency" in image.info
    )
    if content_type == PNG:
        mode = "RGBA" if has_alpha else ("L" if image.mode in {"1", "L", "I;16"} else "RGB")
    else:
        mode = "L" if image.mode in {"1", "L"} else "RGB"
    if image.mode == "I;16" and mode == "L":
        image = image.point(lambda v: v / 256)
    pixels = image.convert(mode) if image.mode != mode else image
    clean = Image.new(mode, pixels.size)
    clean.paste(pixels)
    buffer = io.BytesIO()
    if content_type == JPEG:
        clean.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    else:
        clean.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _check_pdf(data: bytes) -> CheckedFile:
    cleaned, page_count = pdf_clean(data)
    if page_count < 1:
        raise unreadable_pdf()
    if page_count > PDF_MAX_PAGES:
        raise DomainError(
            DocumentErrorCode.DOCUMENT_PDF_TOO_MANY_PAGES,
            _(
                "This PDF has %(count)s pages; at most %(max)s are allowed. Upload only the "
                "pages of this document."
            )
            % {"count": page_count, "max": PDF_MAX_PAGES},
        )
    return CheckedFile(data=cleaned, content_type=PDF, page_count=page_count)


def logo_check(uploaded_file: Any) -> tuple[bytes, str]:
    """An office logo: a JPEG or PNG picture checked and re-encoded like a scan (no PDF;
    the rules of a non-photo kind: at least IMAGE_MIN_SIDE pixels a side),
    metadata dropped. Returns the bytes to store and their type."""
    checked = check_upload(kind="office_logo", uploaded_file=uploaded_file)
    if checked.content_type == PDF:
        raise DomainError(
            DocumentErrorCode.DOCUMENT_TYPE_NOT_ALLOWED,
            _("The logo must be a picture (JPG or PNG), not a PDF."),
        )
    return checked.data, checked.content_type
