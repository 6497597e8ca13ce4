"""The holders import template and its reader (CSV or XLSX into text rows).

The template (docs/exchange.md, "Import"): one header row with the column names below,
then one row per existing AK/1 holder. CSV may use ``,`` or ``;`` and a byte-order mark
(what spreadsheet programs in Indonesia save); XLSX is read with openpyxl in read-only
mode from its first sheet. Every cell is read as text here; ``holders_rows`` parses it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pencaker.core.errors import DomainError
from pencaker.core.text import text_clean
from pencaker.exchange.errors import ExchangeErrorCode

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    example: str
    help: Promise | str


COLUMNS: tuple[Column, ...] = (
    Column("nik", True, "1671014501900001", gettext_lazy("16-digit NIK from the KTP")),
    Column("nama", True, "Siti Aminah", gettext_lazy("Name as on the KTP")),
    Column("tempat_lahir", False, "Palembang", gettext_lazy("Place of birth")),
    Column(
        "tanggal_lahir",
        True,
        "1990-01-05",
        gettext_lazy("Date of birth (YYYY-MM-DD or DD/MM/YYYY)"),
    ),
    Column(
        "jenis_kelamin", True, "P", gettext_lazy("Sex: L (male) or P (female); must match the NIK")
    ),
    Column("alamat", False, "Jl. Merdeka No. 1 RT 001 RW 002", gettext_lazy("Street address")),
    Column(
        "kode_desa", True, "16.71.01.1001", gettext_lazy("Kemendagri village (kelurahan/desa) code")
    ),
    Column(
        "pendidikan",
        False,
        "SMA",
        gettext_lazy("Highest education: SD, SMP, SMA, SMK, D1–D4, S1–S3"),
    ),
    Column(
        "tanggal_daftar",
        True,
        "2025-02-03",
        gettext_lazy("Registration date = issue date of the card"),
    ),
    Column(
        "nomor_kartu", True, "1671-2025-000123-0", gettext_lazy("Card number OOOO-YYYY-NNNNNN-C")
    ),
    Column("lapor_1", False, "2025-08-04", gettext_lazy("Date of the 1st 6-monthly report")),
    Column("lapor_2", False, "", gettext_lazy("Date of the 2nd 6-monthly report")),
    Column("lapor_3", False, "", gettext_lazy("Date of the 3rd 6-monthly report")),
    Column("tanggal_penempatan", False, "", gettext_lazy("Date the holder started work")),
    Column("perusahaan", False, "", gettext_lazy("Employer (with a placement)")),
    Column("jabatan", False, "", gettext_lazy("Position (with a placement)")),
    Column("wilayah_penempatan", False, "", gettext_lazy("Where the job is: AKL, AKAD or AKAN")),
)
COLUMN_NAMES = tuple(c.name for c in COLUMNS)


@dataclass(frozen=True)
class RawRow:
    number: int  # the spreadsheet's row number (the header is row 1)
    cells: dict[str, str]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return text_clean(str(value))


def _unreadable(message: str) -> DomainError:
    return DomainError(ExchangeErrorCode.IMPORT_FILE_UNREADABLE, message)


def _read_csv(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _unreadable(
            _("The file is not UTF-8 text. Save it from the spreadsheet as CSV UTF-8 or XLSX.")
        ) from exc
    first = text.split("\n", 1)[0]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(first, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [list(row) for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:
        raise _unreadable(_("The file is not a valid CSV file.")) from exc


def _read_xlsx(data: bytes) -> list[list[object]]:
    from openpyxl import load_workbook  # imported here: only the XLSX path needs it

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        book.close()
    except Exception as exc:  # noqa: BLE001 - any broken workbook is "cannot read"
        raise _unreadable(_("The file is not a readable XLSX workbook.")) from exc
    return rows


def holders_file_read(data: bytes, *, filename: str = "") -> list[RawRow]:
    """The rows of an import file, keyed by column name. Raises ``DomainError`` when the
    file cannot be read or its header is not the template's."""
    if len(data) > MAX_BYTES:
        raise DomainError(ExchangeErrorCode.IMPORT_TOO_LARGE, _("The file is larger than 20 MB."))
    is_xlsx = data[:4] == b"PK\x03\x04" or filename.lower().endswith(".xlsx")
    table = _read_xlsx(data) if is_xlsx else _read_csv(data)
    table = [row for row in table if any(_cell_text(c) for c in row)] if table else []
    if not table:
        raise _unreadable(_("The file is empty: the first row must name the columns."))
    header = [_cell_text(c).lower() for c in table[0]]
    missing = [c.name for c in COLUMNS if c.required and c.name not in header]
    unknown = [h for h in header if h and h not in COLUMN_NAMES]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(_("missing columns: %(names)s") % {"names": ", ".join(missing)})
        if unknown:
            parts.append(_("unknown columns: %(names)s") % {"names": ", ".join(unknown)})
        raise DomainError(
            ExchangeErrorCode.IMPORT_HEADER,
            _("The first row is not the template's header (%(problems)s).")
            % {"problems": "; ".join(parts)},
            details={"missing": missing, "unknown": unknown},
        )
    if len(table) - 1 > MAX_ROWS:
        raise DomainError(
            ExchangeErrorCode.IMPORT_TOO_LARGE,
            _("The file has more than %(max)d rows; split it into several files.")
            % {"max": MAX_ROWS},
        )
    rows = []
    for index, row in enumerate(table[1:], start=2):
        cells = {name: _cell_text(row[i]) if i < len(row) else "" for i, name in enumerate(header)}
        rows.append(RawRow(number=index, cells={k: v for k, v in cells.items() if k}))
    return rows


def template_csv(*, with_example: bool = True) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMN_NAMES)
    if with_example:
        writer.writerow([c.example for c in COLUMNS])
    return out.getvalue()


def template_xlsx(*, with_example: bool = True) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "pencaker"
    sheet.append(list(COLUMN_NAMES))
    if with_example:
        sheet.append([c.example for c in COLUMNS])
    for cell in sheet[1]:
        cell.number_format = "@"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
