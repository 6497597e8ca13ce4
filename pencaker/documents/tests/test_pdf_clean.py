"""Issue 14, item 7: PDFs are rewritten without active content, and files a viewer would
choke on (data before the header, encryption, a decompression bomb) are refused."""

from __future__ import annotations

import hashlib
import io
import zlib

import pikepdf
import pytest
from django.utils import translation

from pencaker.core.errors import DomainError
from pencaker.documents import services
from pencaker.documents.checks import check_bytes
from pencaker.documents.tests import samples
from pencaker.documents.tests.conftest import upload

ACTIVE = (b"/JavaScript", b"/JS", b"/OpenAction", b"/AcroForm", b"/EmbeddedFile", b"/Launch")


@pytest.fixture(autouse=True)
def _indonesian():
    with translation.override("id"):
        yield


def _save(pdf: pikepdf.Pdf, **options) -> bytes:
    buffer = io.BytesIO()
    pdf.save(buffer, **options)
    return buffer.getvalue()


def malicious_pdf() -> bytes:
    """JavaScript on open and on a page, an embedded executable, a form and a launch link."""
    pdf = pikepdf.open(io.BytesIO(samples.pdf(pages=2)))
    script = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    pdf.Root.OpenAction = script
    pdf.Root.Names = pikepdf.Dictionary(
        JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("a"), script]))
    )
    pdf.pages[0].obj.AA = pikepdf.Dictionary(O=script)
    pdf.attachments["setup.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00" + b"\x00" * 64)
    widget = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Widget,
            FT=pikepdf.Name.Tx,
            T=pikepdf.String("nama"),
            Rect=pikepdf.Array([72, 72, 300, 100]),
        )
    )
    launch = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Link,
            Rect=pikepdf.Array([72, 120, 300, 140]),
            A=pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe")),
        )
    )
    pdf.pages[1].obj.Annots = pdf.make_indirect(pikepdf.Array([widget, launch]))
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([widget]))
    return _save(pdf)


def flate_bomb(decoded_mb: int) -> bytes:
    """A one-page PDF with a stream of ``decoded_mb`` MB of zeros, a few KB on disk."""
    pdf = pikepdf.open(io.BytesIO(samples.pdf()))
    squeeze = zlib.compressobj(9)
    chunk = b"\x00" * (1024 * 1024)
    packed = b"".join(squeeze.compress(chunk) for _ in range(decoded_mb)) + squeeze.flush()
    bomb = pikepdf.Stream(pdf, b"")
    bomb.write(packed, filter=pikepdf.Name.FlateDecode)
    pdf.pages[0].obj.Resources.XObject = pikepdf.Dictionary(Bomb=bomb)
    return _save(pdf, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)


def test_active_content_is_removed_and_the_pages_kept():
    data = malicious_pdf()
    assert all(marker in data for marker in (b"/JavaScript", b"/OpenAction", b"/AcroForm"))
    checked = check_bytes(kind="ijazah", data=data)
    assert checked.page_count == 2
    for marker in ACTIVE:
        assert marker not in checked.data, marker
    assert b"MZ\x90" not in checked.data
    cleaned = pikepdf.open(io.BytesIO(checked.data))
    assert len(cleaned.pages) == 2
    assert not cleaned.attachments
    assert "/Annots" not in cleaned.pages[1].obj
    text = b"".join(page.Contents.read_bytes() for page in cleaned.pages)
    assert b"Ijazah halaman 2" in text


def test_data_before_the_pdf_header_is_refused():
    data = b"<html><script>alert(1)</script></html>\n" + samples.pdf()
    with pytest.raises(DomainError) as info:
        check_bytes(kind="ijazah", data=data)
    assert info.value.code == "document_pdf_data_before_header"


def test_a_pdf_encrypted_without_an_open_password_is_refused():
    pdf = pikepdf.open(io.BytesIO(samples.pdf()))
    data = _save(pdf, encryption=pikepdf.Encryption(owner="pemilik", user=""))
    with pytest.raises(DomainError) as info:
        check_bytes(kind="ijazah", data=data)
    assert info.value.code == "document_pdf_encrypted"


def test_a_flate_bomb_is_refused_without_inflating_it(settings):
    settings.PENCAKER_PDF_MAX_DECODED_MB = 20
    data = flate_bomb(decoded_mb=64)
    assert len(data) < 200_000
    with pytest.raises(DomainError) as info:
        check_bytes(kind="ijazah", data=data)
    assert info.value.code == "document_pdf_too_large_decoded"
    assert "20" in info.value.message


def test_a_pdf_under_the_decoded_limit_is_accepted(settings):
    settings.PENCAKER_PDF_MAX_DECODED_MB = 20
    checked = check_bytes(kind="ijazah", data=flate_bomb(decoded_mb=2))
    assert checked.page_count == 1


def test_the_cleaned_pdf_is_what_is_stored_and_hashed(seeker, media_files):
    version = services.document_upload(
        actor=seeker,
        owner=seeker,
        kind="ijazah",
        uploaded_file=upload(malicious_pdf(), "ijazah.pdf"),
    )
    with version.file.open("rb") as handle:
        stored = handle.read()
    assert b"/JavaScript" not in stored and b"/EmbeddedFile" not in stored
    assert version.sha256 == hashlib.sha256(stored).hexdigest()
    assert version.size == len(stored)
