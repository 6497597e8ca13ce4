"""Parse and check one row of the holders import (no database: lookups are passed in).

Every problem of a row is collected (not just the first) so that the admin fixes a file
in one pass. Messages are user-facing (gettext, Indonesian on the screen and in the
command's output) and name the column.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from pencaker.cards.numbers import CardNumberError, office_digits, parse_card_number
from pencaker.exchange.holders_file import RawRow
from pencaker.regions.nik import NikError, parse_nik
from pencaker.seekers.choices import EducationLevel

_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$", re.ASCII)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII)
AREAS = ("AKL", "AKAD", "AKAN")
SEX_CODES = {"L": "M", "P": "F", "M": "M", "F": "F", "LAKI-LAKI": "M", "PEREMPUAN": "F"}


@dataclass
class HolderRow:
    number: int
    nik: str = ""
    name: str = ""
    birth_place: str = ""
    birth_date: dt.date | None = None
    sex: str = ""
    address: str = ""
    village_code: str = ""
    education: str = ""
    registered_on: dt.date | None = None
    card_number: str = ""
    reports: list[dt.date] = field(default_factory=list)
    placed_on: dt.date | None = None
    employer: str = ""
    position: str = ""
    area: str = ""
    errors: list[str] = field(default_factory=list)


def parse_date(text: str) -> dt.date | None:
    """``YYYY-MM-DD`` or ``DD/MM/YYYY`` (also with ``-`` or ``.``); None when empty;
    ``ValueError`` when it is not a real date."""
    text = text.strip()
    if not text:
        return None
    text = text.split(" ")[0].split("T")[0]
    match = _ISO.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return dt.date(year, month, day)
    match = _DMY.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return dt.date(year, month, day)
    raise ValueError(text)


def _date(row: HolderRow, cells: dict[str, str], column: str, today: dt.date) -> dt.date | None:
    try:
        value = parse_date(cells.get(column, ""))
    except ValueError:
        row.errors.append(
            _("%(column)s: “%(value)s” is not a date (use YYYY-MM-DD or DD/MM/YYYY).")
            % {"column": column, "value": cells.get(column, "")[:20]}
        )
        return None
    if value is not None and value > today:
        row.errors.append(_("%(column)s: the date is in the future.") % {"column": column})
        return None
    return value


def _required(row: HolderRow, cells: dict[str, str], column: str) -> str:
    value = cells.get(column, "").strip()
    if not value:
        row.errors.append(_("%(column)s: this column is required.") % {"column": column})
    return value


def holder_row_parse(raw: RawRow, *, office_code: str, today: dt.date) -> HolderRow:
    """The row's values, with ``errors`` listing every problem found without the database."""
    cells = raw.cells
    row = HolderRow(number=raw.number)
    nik_text = _required(row, cells, "nik")
    nik_info = None
    if nik_text:
        try:
            nik_info = parse_nik(nik_text, today=today)
            row.nik = nik_info.nik
        except NikError as exc:
            row.errors.append(_("nik: %(message)s") % {"message": exc.message})
    row.name = _required(row, cells, "nama")[:150]
    row.birth_place = cells.get("tempat_lahir", "")[:100]
    row.address = cells.get("alamat", "")[:200]
    if "tanggal_lahir" in cells and cells["tanggal_lahir"]:
        row.birth_date = _date(row, cells, "tanggal_lahir", today)
    else:
        _required(row, cells, "tanggal_lahir")
    sex_text = _required(row, cells, "jenis_kelamin").upper()
    if sex_text:
        row.sex = SEX_CODES.get(sex_text, "")
        if not row.sex:
            row.errors.append(_("jenis_kelamin: write L (male) or P (female)."))
    if nik_info is not None:
        if row.birth_date and row.birth_date != nik_info.birth_date:
            row.errors.append(_("tanggal_lahir: the date of birth does not match the NIK."))
        if row.sex and row.sex != nik_info.sex:
            row.errors.append(_("jenis_kelamin: the sex does not match the NIK."))
    row.village_code = _required(row, cells, "kode_desa")
    education = cells.get("pendidikan", "").strip().upper()
    if education and education not in EducationLevel.values:
        row.errors.append(
            _("pendidikan: “%(value)s” is not a known level (%(levels)s).")
            % {"value": education[:10], "levels": ", ".join(EducationLevel.values)}
        )
    else:
        row.education = education
    if cells.get("tanggal_daftar"):
        row.registered_on = _date(row, cells, "tanggal_daftar", today)
    else:
        _required(row, cells, "tanggal_daftar")
    number_text = _required(row, cells, "nomor_kartu")
    if number_text:
        try:
            parsed = parse_card_number(number_text)
        except CardNumberError as exc:
            if exc.reason == "check_digit":
                row.errors.append(_("nomor_kartu: the check digit (last digit) is wrong."))
            else:
                row.errors.append(
                    _("nomor_kartu: the card number must look like OOOO-YYYY-NNNNNN-C.")
                )
        else:
            row.card_number = parsed.canonical
            if parsed.office != office_digits(office_code):
                row.errors.append(
                    _("nomor_kartu: the number belongs to office %(digits)s, not this office.")
                    % {"digits": parsed.office}
                )
            if row.registered_on and parsed.year != row.registered_on.year:
                row.errors.append(
                    _("nomor_kartu: the year in the number is not the year of tanggal_daftar.")
                )
    if row.birth_date and row.registered_on and row.registered_on < row.birth_date:
        row.errors.append(_("tanggal_daftar: the registration is before the birth date."))
    for index in (1, 2, 3):
        column = f"lapor_{index}"
        if cells.get(column):
            day = _date(row, cells, column, today)
            if day is not None and row.registered_on and day <= row.registered_on:
                row.errors.append(
                    _("%(column)s: the report is not after tanggal_daftar.") % {"column": column}
                )
            elif day is not None:
                row.reports.append(day)
    if cells.get("tanggal_penempatan"):
        row.placed_on = _date(row, cells, "tanggal_penempatan", today)
        row.employer = _required(row, cells, "perusahaan")[:200]
        row.position = _required(row, cells, "jabatan")[:150]
        area = cells.get("wilayah_penempatan", "").strip().upper() or "AKL"
        if area not in AREAS:
            row.errors.append(_("wilayah_penempatan: write AKL, AKAD or AKAN."))
        row.area = area
        if row.placed_on and row.registered_on and row.placed_on < row.registered_on:
            row.errors.append(_("tanggal_penempatan: the placement is before tanggal_daftar."))
        if row.placed_on and any(day > row.placed_on for day in row.reports):
            row.errors.append(_("tanggal_penempatan: a report is dated after the placement."))
    elif any(cells.get(c) for c in ("perusahaan", "jabatan", "wilayah_penempatan")):
        row.errors.append(_("tanggal_penempatan: a placement needs its date."))
    row.reports.sort()
    return row
