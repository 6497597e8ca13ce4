from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from pencaker.cards.numbers import format_card_number
from pencaker.cards.rules import add_months
from pencaker.exchange.holders_file import COLUMN_NAMES
from pencaker.regions.models import Region
from pencaker.regions.nik import build_nik

TODAY = dt.date(2026, 6, 30)
FIRST_REGISTRATION = dt.date(2024, 1, 1)


def village_in(office) -> Region:
    regency = office.region
    district, _ = Region.objects.get_or_create(
        code=f"{regency.code}.01",
        defaults={"name": f"Kecamatan {regency.code}", "level": "district", "parent": regency},
    )
    village, _ = Region.objects.get_or_create(
        code=f"{regency.code}.01.1001",
        defaults={"name": f"Kelurahan {regency.code}", "level": "village", "parent": district},
    )
    return village


@pytest.fixture
def village(office):
    return village_in(office)


def holder_row(i: int, *, office_code: str = "16.71", village_code: str = "16.71.01.1001") -> dict:
    """Row ``i`` of a generated register. ``i % 4`` decides the holder's story:
    0 placed 100 days after registering; 1 reports every due report; 2 never reports
    (removed); 3 reports the first report only."""
    sex = "F" if i % 2 else "M"
    birth = dt.date(1980 + i % 25, 1 + i % 12, 1 + i % 28)
    registered = FIRST_REGISTRATION + dt.timedelta(days=i % 700)
    seq = i + 1
    row = {name: "" for name in COLUMN_NAMES}
    row.update(
        nik=build_nik(district_code="16.71.01", birth_date=birth, sex=sex, serial=seq),
        nama=f"Pencaker Impor {i}",
        tempat_lahir="Palembang",
        tanggal_lahir=birth.isoformat(),
        jenis_kelamin="P" if sex == "F" else "L",
        alamat=f"Jl. Contoh {i}",
        kode_desa=village_code,
        pendidikan=["SD", "SMP", "SMA", "SMK", "S1"][i % 5],
        tanggal_daftar=registered.isoformat(),
        nomor_kartu=format_card_number(office_code=office_code, year=registered.year, sequence=seq),
    )
    story = i % 4
    if story == 0:
        placed = registered + dt.timedelta(days=100)
        if placed <= TODAY:
            row.update(
                tanggal_penempatan=placed.strftime("%d/%m/%Y"),
                perusahaan="PT Contoh",
                jabatan="Staf",
                wilayah_penempatan="AKL",
            )
    elif story in (1, 3):
        for number in (1, 2, 3) if story == 1 else (1,):
            due = add_months(registered, 6 * number)
            if due <= TODAY:
                row[f"lapor_{number}"] = due.isoformat()
    return row


def to_csv(rows: list[dict], *, delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMN_NAMES), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")
