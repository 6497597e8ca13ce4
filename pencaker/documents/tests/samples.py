"""Test files generated on the fly: nothing binary is committed."""

from __future__ import annotations

import io

from PIL import ExifTags, Image

GPS_IFD = ExifTags.IFD.GPSInfo


def jpeg(
    width: int = 600,
    height: int = 800,
    *,
    gps: bool = False,
    orientation: int | None = None,
    colour: tuple[int, int, int] = (200, 120, 60),
) -> bytes:
    image = Image.new("RGB", (width, height), colour)
    # A few differently coloured pixels so orientation can be checked after re-encoding.
    image.paste((0, 0, 255), (0, 0, 20, 20))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "TestPhone"
    exif[ExifTags.Base.Model] = "TP-1"
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    if gps:
        exif[GPS_IFD] = {
            ExifTags.GPS.GPSLatitudeRef: "S",
            ExifTags.GPS.GPSLatitude: (2.0, 59.0, 27.0),
            ExifTags.GPS.GPSLongitudeRef: "E",
            ExifTags.GPS.GPSLongitude: (104.0, 45.0, 20.0),
        }
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, exif=exif.tobytes())
    return buffer.getvalue()


def png(width: int = 800, height: int = 600, *, mode: str = "RGB", text: bool = False) -> bytes:
    from PIL.PngImagePlugin import PngInfo

    image = Image.new(mode, (width, height), 128 if mode in {"L", "P"} else (10, 160, 90))
    info = PngInfo()
    if text:
        info.add_text("Author", "Budi Santoso, Jl. Merdeka 1")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def pdf(pages: int = 1) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    for n in range(pages):
        c.drawString(72, 720, f"Ijazah halaman {n + 1}")
        c.showPage()
    c.save()
    return buffer.getvalue()


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf())).pages:
        writer.add_page(page)
    writer.encrypt("rahasia")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def broken_pdf() -> bytes:
    return b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\nthis is not a pdf at all\n"


def exe() -> bytes:
    # The start of a Windows PE executable ("MZ" header and DOS stub text).
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + (
        b"This program cannot be run in DOS mode.\r\r\n$" + b"\x00" * 2000
    )
