"""Files a job seeker would upload, generated with Pillow into a test's tmp_path."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw


def _image(width: int, height: int, colour: tuple[int, int, int], text: str) -> Image.Image:
    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((width // 8, height // 8, width * 7 // 8, height * 7 // 8), outline=(0, 0, 0))
    draw.text((width // 6, height // 2), text, fill=(0, 0, 0))
    return image


def ktp_jpeg(folder: Path, name: str = "ktp.jpg") -> Path:
    """A KTP scan: landscape, ID-1 card proportions (85.6 x 54 mm)."""
    path = folder / name
    _image(1012, 638, (200, 220, 240), "KTP").save(path, "JPEG", quality=85)
    return path


def portrait_photo_jpeg(folder: Path, name: str = "foto-3x4.jpg", *, gps: bool = True) -> Path:
    """A 3x4 colour portrait (600 x 800), with GPS EXIF that the service must strip."""
    path = folder / name
    image = _image(600, 800, (180, 30, 30), "3x4")
    exif = Image.Exif()
    exif[0x010F] = "Cheap Phone Inc."  # Make
    if gps:
        # GPSInfo IFD: latitude -2.99 (Palembang), as the phone camera would record it.
        exif[0x8825] = {1: "S", 2: (2.0, 59.0, 24.0), 3: "E", 4: (104.0, 45.0, 36.0)}
    image.save(path, "JPEG", quality=85, exif=exif)
    return path


def landscape_photo_jpeg(folder: Path, name: str = "foto-landscape.jpg") -> Path:
    """A photo the wrong way round: 800 x 600."""
    path = folder / name
    _image(800, 600, (30, 30, 180), "landscape").save(path, "JPEG", quality=85)
    return path


def ijazah_pdf(folder: Path, name: str = "ijazah.pdf") -> Path:
    """A one-page A4 PDF that opens in any reader."""
    path = folder / name
    _image(827, 1169, (255, 255, 255), "IJAZAH").save(path, "PDF", resolution=100.0)
    return path


def exe_named_jpg(folder: Path, name: str = "foto.jpg") -> Path:
    """A Windows executable (MZ/PE header) renamed to .jpg."""
    path = folder / name
    header = bytearray(b"MZ" + b"\x90\x00" * 29 + b"\x00" * 2)
    header[0x3C:0x40] = (0x80).to_bytes(4, "little")
    body = bytes(header).ljust(0x80, b"\x00") + b"PE\x00\x00" + b"\x4c\x01" + b"\x00" * 2000
    path.write_bytes(body)
    return path


def oversized_jpeg(folder: Path, name: str = "foto-besar.jpg", *, megabytes: int = 30) -> Path:
    """A real JPEG padded after its end marker to ``megabytes`` MB: only the size is wrong."""
    path = folder / name
    buffer = io.BytesIO()
    _image(600, 800, (20, 120, 20), "besar").save(buffer, "JPEG", quality=85)
    data = buffer.getvalue()
    path.write_bytes(data + b"\x00" * (megabytes * 1024 * 1024 - len(data)))
    return path


def stored_files(media_root: str | Path) -> list[Path]:
    """Every file under the storage folder (what uploads left behind)."""
    root = Path(media_root)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []
