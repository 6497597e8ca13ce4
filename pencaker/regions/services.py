"""Writes for regions: the idempotent import of the Kemendagri code list."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from typing import Any, TextIO

from django.db import transaction
from django.utils.translation import gettext as _

from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import DomainError
from pencaker.regions.errors import RegionErrorCode
from pencaker.regions.models import Level, Region

BATCH = 2000
REQUIRED_COLUMNS = ("code", "name", "level", "parent_code")
_LEVEL_ORDER = [Level.PROVINCE, Level.REGENCY, Level.DISTRICT, Level.VILLAGE]
_PARENT_LEVEL = {
    Level.PROVINCE: None,
    Level.REGENCY: Level.PROVINCE,
    Level.DISTRICT: Level.REGENCY,
    Level.VILLAGE: Level.DISTRICT,
}
# Kemendagri code shapes: PP, PP.KK, PP.KK.CC, PP.KK.CC.DDDD.
CODE_PATTERNS = {
    Level.PROVINCE: re.compile(r"[0-9]{2}"),
    Level.REGENCY: re.compile(r"[0-9]{2}\.[0-9]{2}"),
    Level.DISTRICT: re.compile(r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}"),
    Level.VILLAGE: re.compile(r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}"),
}
_NAME_MAX = Region._meta.get_field("name").max_length or 120
_KIND_MAX = Region._meta.get_field("kind").max_length or 12


class RegionImportError(DomainError):
    """The region file cannot be imported; nothing was written.

    Codes: ``regions_bad_csv``, ``regions_missing_columns``, ``regions_unknown_level``, ``regions_bad_code``,
    ``regions_bad_name``, ``regions_duplicate_code``, ``regions_missing_parent``,
    ``regions_wrong_parent``. ``details["line"]`` is the 1-based line in the file.
    """


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass(frozen=True)
class _Row:
    line: int
    code: str
    name: str
    level: str
    parent: str | None
    kind: str


def _fail(code: RegionErrorCode, line: int, message: str) -> RegionImportError:
    return RegionImportError(
        code,
        _("Line %(line)d: %(problem)s") % {"line": line, "problem": message},
        details={"line": line},
    )


def _read_rows(handle: TextIO) -> list[_Row]:
    reader = csv.DictReader(handle)
    try:
        return _parse(reader)
    except csv.Error as exc:
        raise _fail(
            RegionErrorCode.REGIONS_BAD_CSV,
            reader.line_num,
            _("this line is not valid CSV (%(error)s).") % {"error": exc},
        ) from exc


def _parse(reader: csv.DictReader) -> list[_Row]:
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise RegionImportError(
            RegionErrorCode.REGIONS_MISSING_COLUMNS,
            _("The file must start with the header line %(header)s; missing: %(missing)s.")
            % {"header": "code,name,level,parent_code,kind", "missing": ", ".join(missing)},
            details={"line": 1, "missing": missing},
        )
    rows: list[_Row] = []
    for raw in reader:
        line = reader.line_num
        if not any((value or "").strip() for value in raw.values() if isinstance(value, str)):
            continue  # blank line
        level = (raw.get("level") or "").strip()
        code = (raw.get("code") or "").strip()
        name = (raw.get("name") or "").strip()
        parent = (raw.get("parent_code") or "").strip() or None
        kind = (raw.get("kind") or "").strip()
        if level not in CODE_PATTERNS:
            raise _fail(
                RegionErrorCode.REGIONS_UNKNOWN_LEVEL,
                line,
                _("unknown level %(level)r (use province, regency, district or village).")
                % {"level": level},
            )
        if not CODE_PATTERNS[Level(level)].fullmatch(code):
            raise _fail(
                RegionErrorCode.REGIONS_BAD_CODE,
                line,
                _("code %(code)r is not a valid %(level)s code.") % {"code": code, "level": level},
            )
        if not name or len(name) > _NAME_MAX or len(kind) > _KIND_MAX:
            raise _fail(
                RegionErrorCode.REGIONS_BAD_NAME,
                line,
                _("the name must be 1 to %(max)d characters and the kind at most %(kind)d.")
                % {"max": _NAME_MAX, "kind": _KIND_MAX},
            )
        expected_parent = code.rsplit(".", 1)[0] if "." in code else None
        if parent != expected_parent:
            raise _fail(
                RegionErrorCode.REGIONS_WRONG_PARENT,
                line,
                _("parent code %(parent)r does not match code %(code)r.")
                % {"parent": parent or "", "code": code},
            )
        rows.append(_Row(line=line, code=code, name=name, level=level, parent=parent, kind=kind))
    return rows


@transaction.atomic
def regions_import_csv(*, handle: TextIO, actor: Any = None) -> ImportResult:
    """Load a CSV shaped like ``code,name,level,parent_code,kind`` (see
    ``shared/data/wilayah/README.md``).

    Idempotent: a re-import updates the name and kind of existing codes and never
    duplicates a code. Codes present in the database but absent from the file are kept
    (addresses and offices may point at them). The whole file is checked before anything
    is written; a malformed row raises :class:`RegionImportError` naming its line and the
    database is left as it was. Parents are written before children, whatever the file
    order. ``actor`` is the user running the import (``None`` for the command line).
    """
    rows = _read_rows(handle)
    seen: dict[str, _Row] = {}
    for row in rows:
        if row.code in seen:
            raise _fail(
                RegionErrorCode.REGIONS_DUPLICATE_CODE,
                row.line,
                _("code %(code)s appears twice (first on line %(first)d).")
                % {"code": row.code, "first": seen[row.code].line},
            )
        seen[row.code] = row

    # One read of the current table keeps the import fast on both databases: ~92k short
    # tuples fit comfortably in memory, and a second import then writes nothing at all.
    existing = {
        code: (name, kind, parent_id, level)
        for code, name, kind, parent_id, level in Region.objects.values_list(
            "code", "name", "kind", "parent_id", "level"
        )
    }
    for row in rows:
        parent_level = _PARENT_LEVEL[Level(row.level)]
        if parent_level is None:
            continue
        assert row.parent is not None  # checked in _read_rows
        in_file = seen.get(row.parent)
        found_level = in_file.level if in_file else (existing.get(row.parent) or (None,) * 4)[3]
        if found_level is None:
            raise _fail(
                RegionErrorCode.REGIONS_MISSING_PARENT,
                row.line,
                _("parent %(parent)s of %(code)s is neither in the file nor in the database.")
                % {"parent": row.parent, "code": row.code},
            )
        if found_level != parent_level:
            raise _fail(
                RegionErrorCode.REGIONS_WRONG_PARENT,
                row.line,
                _("parent %(parent)s of %(code)s is a %(found)s, expected a %(expected)s.")
                % {
                    "parent": row.parent,
                    "code": row.code,
                    "found": found_level,
                    "expected": parent_level,
                },
            )

    created = updated = unchanged = 0
    for level in _LEVEL_ORDER:
        to_create: list[Region] = []
        to_update: list[Region] = []
        for row in rows:
            if row.level != level:
                continue
            wanted = (row.name, row.kind, row.parent, row.level)
            current = existing.get(row.code)
            region = Region(
                code=row.code, name=row.name, level=row.level, kind=row.kind, parent_id=row.parent
            )
            if current is None:
                to_create.append(region)
            elif current != wanted:
                to_update.append(region)
            else:
                unchanged += 1
        Region.objects.bulk_create(to_create, batch_size=BATCH)
        Region.objects.bulk_update(to_update, ["name", "kind", "parent", "level"], batch_size=500)
        created += len(to_create)
        updated += len(to_update)

    result = ImportResult(created=created, updated=updated, unchanged=unchanged)
    if created or updated:
        audit_record(
            actor=actor,
            action=AuditAction.REGIONS_IMPORT,
            data={"created": created, "updated": updated, "unchanged": unchanged},
        )
    return result
