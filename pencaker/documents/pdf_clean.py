"""Uploaded PDFs: refused when a viewer could be harmed by them, otherwise rewritten.

A PDF is a container that can run JavaScript on open, launch programs, carry embedded
files and forms that post data, and hide a decompression bomb in a few kilobytes. Staff
open uploads in their browser, so a PDF is never stored as sent:

* it must start with ``%PDF-`` (readers accept junk before the header, which is how an
  HTML page or a script rides along as a "PDF");
* it must not be encrypted, not even with an empty open password (its content cannot be
  checked or cleaned, and a reader may still run what is inside);
* the decoded size of all its streams is counted without inflating them into memory,
  and must stay under ``PENCAKER_PDF_MAX_DECODED_MB``;
* it is rewritten by qpdf (pikepdf) keeping the pages and what they draw, without
  document or page actions, JavaScript, embedded and associated files, forms, outlines
  and annotations (links included: a scan needs none). qpdf writes only the objects the
  pages still reach, so anything cut loose is gone from the file; streams are copied as
  they are, never inflated.

The caller stores and hashes the rewritten bytes.
"""

from __future__ import annotations

import base64
import io
import zlib
from collections.abc import Iterator

import pikepdf
from django.conf import settings
from django.utils.translation import gettext as _

from pencaker.core.errors import DomainError
from pencaker.documents.errors import DocumentErrorCode

MB = 1024 * 1024
_CHUNK = 256 * 1024
# Filters whose output is at most as large as their input.
_SHRINKING = {"/ASCIIHexDecode", "/AHx", "/ASCII85Decode", "/A85"}
_FLATE = {"/FlateDecode", "/Fl"}
# Image codecs: the pixels are decoded by the viewer into a bounded raster, not by qpdf;
# their stored size is what counts here.
_IMAGE = {"/DCTDecode", "/DCT", "/JPXDecode", "/CCITTFaxDecode", "/CCF", "/JBIG2Decode"}
# Old codecs with a large expansion ratio (LZW up to ~3,600:1): decoded only when small.
_SMALL_ONLY_RAW_BYTES = 16 * 1024

# Keys that start, or carry, active content wherever they appear.
_CATALOG_KEYS = ("/OpenAction", "/AA", "/AcroForm", "/Outlines", "/AF", "/Collection", "/Names")
_PAGE_KEYS = ("/AA", "/Annots", "/AF")
_ANYWHERE_KEYS = ("/JS", "/JavaScript", "/AA", "/OpenAction", "/EF", "/EmbeddedFiles", "/AF")


def unreadable_pdf() -> DomainError:
    return DomainError(
        DocumentErrorCode.DOCUMENT_PDF_UNREADABLE,
        _(
            "This PDF cannot be opened; it may be damaged. Save or scan the document as a PDF "
            "again, or upload a JPG photo of it."
        ),
    )


def _encrypted() -> DomainError:
    return DomainError(
        DocumentErrorCode.DOCUMENT_PDF_ENCRYPTED,
        _(
            "This PDF is locked with a password. Upload a PDF without a password, or a JPG "
            "photo of the document."
        ),
    )


def max_decoded_bytes() -> int:
    return int(settings.PENCAKER_PDF_MAX_DECODED_MB) * MB


def _too_large_decoded() -> DomainError:
    return DomainError(
        DocumentErrorCode.DOCUMENT_PDF_TOO_LARGE_DECODED,
        _(
            "This PDF holds more than %(limit)s MB of data once opened, too much for one "
            "document. Scan it again at 150 dpi, or upload a JPG photo of each page."
        )
        % {"limit": settings.PENCAKER_PDF_MAX_DECODED_MB},
    )


def pdf_clean(data: bytes) -> tuple[bytes, int]:
    """Return the rewritten PDF and its page count, or raise a ``DomainError``."""
    if not data.startswith(b"%PDF-"):
        raise DomainError(
            DocumentErrorCode.DOCUMENT_PDF_DATA_BEFORE_HEADER,
            _(
                "This PDF has other data before the start of the document, so it cannot be "
                "accepted. Save or scan the document as a PDF again and upload the new file."
            ),
        )
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as exc:
        raise _encrypted() from exc
    except Exception as exc:  # qpdf raises several types for broken files
        raise unreadable_pdf() from exc
    with pdf:
        if pdf.is_encrypted:
            raise _encrypted()
        try:
            page_count = len(pdf.pages)
            _check_decoded_size(pdf)
            _strip_active_content(pdf)
            out = io.BytesIO()
            pdf.save(
                out,
                stream_decode_level=pikepdf.StreamDecodeLevel.none,
                fix_metadata_version=False,
                deterministic_id=True,
            )
        except DomainError:
            raise
        except Exception as exc:
            raise unreadable_pdf() from exc
    return out.getvalue(), page_count


def _streams(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Stream]:
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream):
            yield obj


def _filters(stream: pikepdf.Stream) -> list[str]:
    value = stream.get("/Filter")
    if value is None:
        return []
    if isinstance(value, pikepdf.Array):
        return [str(name) for name in value]
    return [str(value)]


def _check_decoded_size(pdf: pikepdf.Pdf) -> None:
    budget = max_decoded_bytes()
    for stream in _streams(pdf):
        budget -= _decoded_size(stream, budget)
        if budget < 0:
            raise _too_large_decoded()


def _decoded_size(stream: pikepdf.Stream, budget: int) -> int:
    """The stream's decoded size, or any number above ``budget`` once it passes it."""
    filters = _filters(stream)
    raw = stream.read_raw_bytes()
    while filters and filters[0] in _SHRINKING:
        raw = _ascii_decode(filters.pop(0), raw)
    if not filters or filters[0] in _IMAGE:
        return len(raw)
    if filters[0] in _FLATE:
        return _inflated_size(raw, budget)
    if len(raw) > _SMALL_ONLY_RAW_BYTES:
        return budget + 1
    return len(stream.read_bytes(decode_level=pikepdf.StreamDecodeLevel.specialized))


def _ascii_decode(name: str, raw: bytes) -> bytes:
    text = bytes(b for b in raw if b not in b" \t\r\n\f\x00")
    if name in {"/ASCIIHexDecode", "/AHx"}:
        text = text.split(b">", 1)[0]
        return bytes.fromhex((text + b"0" * (len(text) % 2)).decode("ascii"))
    if not text.endswith(b"~>"):
        text += b"~>"
    return base64.a85decode(text, adobe=True)


def _inflated_size(raw: bytes, budget: int) -> int:
    inflater = zlib.decompressobj()
    total = 0
    pending = raw
    while pending and total <= budget:
        try:
            total += len(inflater.decompress(pending, _CHUNK))
        except zlib.error:
            break  # viewers stop at the damage too; what came out so far is counted
        pending = inflater.unconsumed_tail
    return total


def _strip_active_content(pdf: pikepdf.Pdf) -> None:
    for key in _CATALOG_KEYS:
        if key in pdf.Root:
            del pdf.Root[key]
    for page in pdf.pages:
        for key in _PAGE_KEYS:
            if key in page.obj:
                del page.obj[key]
    # Whatever the pages still reach (resources, XObjects) loses its actions and files too.
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            for key in _ANYWHERE_KEYS:
                if key in obj:
                    del obj[key]
