from __future__ import annotations

import io

import pytest
from django.utils import translation
from PIL import ExifTags, Image

from pencaker.core.errors import DomainError
from pencaker.documents.checks import (
    IMAGE_MAX_PIXELS,
    check_bytes,
    check_upload,
    sanitise_filename,
    sniff,
)
from pencaker.documents.tests import samples
from pencaker.documents.tests.conftest import upload


@pytest.fixture(autouse=True)
def _indonesian():
    with translation.override("id"):
        yield


def refusal(kind: str, data: bytes) -> DomainError:
    with pytest.raises(DomainError) as info:
        check_bytes(kind=kind, data=data)
    return info.value


def test_sniff_recognises_only_jpeg_png_and_pdf_by_magic_bytes():
    assert sniff(samples.jpeg()) == "image/jpeg"
    assert sniff(samples.png()) == "image/png"
    assert sniff(samples.pdf()) == "application/pdf"
    assert sniff(samples.exe()) is None
    assert sniff(b"GIF89a" + b"\x00" * 20) is None


def test_exe_renamed_jpg_is_refused_as_not_an_image_or_pdf():
    with pytest.raises(DomainError) as info:
        check_upload(kind="ktp", uploaded_file=upload(samples.exe(), "foto.jpg", "image/jpeg"))
    assert info.value.code == "document_type_not_allowed"
    assert "Berkas ini bukan gambar JPEG/PNG atau PDF" in info.value.message


def test_30_mb_file_is_refused_with_its_size_and_the_limit():
    big = upload(b"\xff\xd8\xff" + b"\x00" * (30 * 1024 * 1024), "ijazah.jpg")
    with pytest.raises(DomainError) as info:
        check_upload(kind="ijazah", uploaded_file=big)
    assert info.value.code == "document_too_large"
    assert info.value.status == 413
    assert "Ukuran berkas 30 MB melebihi batas 5 MB" in info.value.message


def test_file_just_over_the_limit_does_not_read_as_equal_to_it(settings):
    data = b"%PDF-" + b"\x00" * (settings.PENCAKER_MAX_UPLOAD_BYTES - 4)
    error = refusal("ijazah", data)
    assert error.code == "document_too_large"
    assert "5,00 MB melebihi batas 5 MB" in error.message


def test_empty_file_is_refused():
    assert refusal("ktp", b"").code == "document_empty"


def test_landscape_photo_is_refused_with_a_clear_message():
    error = refusal("photo", samples.jpeg(800, 600))
    assert error.code == "document_photo_not_portrait"
    assert "mendatar" in error.message
    assert "800 x 600" in error.message


@pytest.mark.parametrize("size", [(600, 650), (480, 800), (600, 700)])
def test_portrait_photo_far_from_3_to_4_is_refused(size):
    error = refusal("photo", samples.jpeg(*size))
    assert error.code == "document_photo_wrong_ratio"
    assert "0,70" in error.message and "0,80" in error.message


@pytest.mark.parametrize("size", [(300, 400), (600, 800), (420, 600), (640, 800)])
def test_portrait_photo_about_3_to_4_is_accepted(size):
    checked = check_bytes(kind="photo", data=samples.jpeg(*size))
    assert (checked.width, checked.height) == size


def test_photo_below_minimum_resolution_is_refused():
    error = refusal("photo", samples.jpeg(150, 200))
    assert error.code == "document_photo_too_small"
    assert "300 x 400" in error.message


def test_photo_as_pdf_is_refused():
    assert refusal("photo", samples.pdf()).code == "document_photo_not_image"


def test_tiny_scan_is_refused():
    error = refusal("ktp", samples.jpeg(200, 120))
    assert error.code == "document_image_too_small"


def test_decompression_bomb_is_refused_before_decoding():
    side = int(IMAGE_MAX_PIXELS**0.5) + 100
    bomb = samples.png(side, side, mode="L")
    assert len(bomb) < 1024 * 1024  # tiny on disk, huge in memory
    error = refusal("ktp", bomb)
    assert error.code == "document_image_too_many_pixels"


def test_truncated_jpeg_is_refused_as_unreadable():
    data = samples.jpeg()[:400]
    assert refusal("ktp", data).code == "document_image_unreadable"


def test_jpeg_with_gps_exif_is_stored_without_any_metadata():
    original = samples.jpeg(600, 800, gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    checked = check_bytes(kind="photo", data=original)

    stored = Image.open(io.BytesIO(checked.data))
    assert stored.format == "JPEG"
    assert dict(stored.getexif()) == {}
    assert stored.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
    assert "exif" not in stored.info and "icc_profile" not in stored.info
    assert b"Exif" not in checked.data and b"TestPhone" not in checked.data


def test_exif_orientation_is_applied_before_the_photo_checks():
    # Stored landscape, but the camera says "rotate 90°": it is really a portrait photo.
    rotated = samples.jpeg(800, 600, orientation=6)
    checked = check_bytes(kind="photo", data=rotated)
    stored = Image.open(io.BytesIO(checked.data))
    assert stored.size == (600, 800) == (checked.width, checked.height)
    assert dict(stored.getexif()) == {}


def test_png_is_re_encoded_as_png_without_text_chunks():
    checked = check_bytes(kind="ktp", data=samples.png(800, 600, text=True))
    assert checked.content_type == "image/png"
    stored = Image.open(io.BytesIO(checked.data))
    assert stored.format == "PNG"
    assert stored.size == (800, 600)
    assert "Author" not in stored.info
    assert b"Budi" not in checked.data


def test_valid_pdf_is_rewritten_with_its_pages_and_page_count():
    # Issue 14 item 7: PDFs are rewritten (test_pdf_clean.py), no longer kept byte for byte.
    from pypdf import PdfReader

    data = samples.pdf(pages=2)
    checked = check_bytes(kind="ijazah", data=data)
    assert len(PdfReader(io.BytesIO(checked.data)).pages) == 2
    assert "Ijazah halaman 2" in PdfReader(io.BytesIO(checked.data)).pages[1].extract_text()
    assert checked.content_type == "application/pdf"
    assert checked.page_count == 2


def test_broken_pdf_is_refused():
    error = refusal("ijazah", samples.broken_pdf())
    assert error.code == "document_pdf_unreadable"
    assert "PDF" in error.message


def test_encrypted_pdf_is_refused():
    error = refusal("ijazah", samples.encrypted_pdf())
    assert error.code == "document_pdf_encrypted"
    assert "kata sandi" in error.message


def test_pdf_with_too_many_pages_is_refused():
    assert refusal("ijazah", samples.pdf(pages=21)).code == "document_pdf_too_many_pages"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("C:\\Users\\budi\\ktp.jpg", "ktp.jpg"),
        ("../../etc/passwd", "passwd"),
        ("foto\x00\x1b[31m.jpg", "foto[31m.jpg"),
        ("  ijazah   SMA .pdf ", "ijazah SMA .pdf"),
        ("", ""),
    ],
)
def test_original_filename_is_sanitised(raw, clean):
    assert sanitise_filename(raw) == clean


def test_long_original_filename_keeps_its_extension():
    name = sanitise_filename("a" * 300 + ".jpeg")
    assert len(name) <= 120 and name.endswith(".jpeg")
