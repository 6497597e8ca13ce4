"""Read a survey CSV (one row per respondent) into a header and text rows.

Spreadsheet programs in Indonesia often save with ``;`` as the separator and with a
byte-order mark; both are accepted. The file is read fully first so that a bad row stops
everything before anything is computed or stored.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from django.utils.translation import gettext

from pencaker.surveys.ikm import IkmInputError

MAX_BYTES = 20 * 1024 * 1024


def read_csv_text(text: str) -> tuple[list[str], list[list[str]]]:
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise IkmInputError(gettext("The file is empty: the first row must name the columns."))
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(lines[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        table = list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as exc:
        raise IkmInputError(
            gettext("The file is not a valid CSV file: %(error)s") % {"error": exc}
        ) from exc
    header = [name.strip() for name in table[0]]
    return header, table[1:]


def read_csv_file(path: str | Path) -> tuple[list[str], list[list[str]]]:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise IkmInputError(gettext("The file is larger than 20 MB."))
        data = path.read_bytes()
    except OSError as exc:
        raise IkmInputError(
            gettext("Cannot read the file %(path)s: %(error)s")
            % {"path": path, "error": exc.strerror or exc}
        ) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IkmInputError(
            gettext("The file is not UTF-8 text. Save it from the spreadsheet as CSV UTF-8.")
        ) from exc
    return read_csv_text(text)
