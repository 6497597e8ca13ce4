"""Writes for regions: the idempotent import of the Kemendagri code list."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from typing import TextIO

from django.db import transaction

from pencaker.regions.models import Level, Region

BATCH = 5000
_LEVEL_ORDER = [Level.PROVINCE, Level.REGENCY, Level.DISTRICT, Level.VILLAGE]


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def regions_import_csv(*, handle: TextIO) -> ImportResult:
    """Load a CSV shaped like ``code,name,level,parent_code,kind``.

    Idempotent: a re-import updates names and kinds of existing codes and never
    duplicates a code. Parents are written before children, whatever the file order.
    """
    reader = csv.DictReader(handle)
    rows_by_level: dict[str, list[dict[str, str]]] = {level: [] for level in _LEVEL_ORDER}
    for row in reader:
        level = (row.get("level") or "").strip()
        if level not in rows_by_level:
            raise ValueError(f"line {reader.line_num}: unknown level {level!r}")
        rows_by_level[level].append(row)

    created = updated = unchanged = 0
    with transaction.atomic():
        for level in _LEVEL_ORDER:
            rows = rows_by_level[level]
            for start in range(0, len(rows), BATCH):
                chunk = rows[start : start + BATCH]
                existing = Region.objects.in_bulk([r["code"].strip() for r in chunk])
                to_create, to_update = [], []
                for row in chunk:
                    code = row["code"].strip()
                    name = row["name"].strip()
                    kind = (row.get("kind") or "").strip()
                    parent = (row.get("parent_code") or "").strip() or None
                    current = existing.get(code)
                    if current is None:
                        to_create.append(
                            Region(code=code, name=name, level=level, kind=kind, parent_id=parent)
                        )
                    elif (current.name, current.kind, current.parent_id, current.level) != (
                        name,
                        kind,
                        parent,
                        level,
                    ):
                        current.name, current.kind, current.parent_id, current.level = (
                            name,
                            kind,
                            parent,
                            level,
                        )
                        to_update.append(current)
                    else:
                        unchanged += 1
                Region.objects.bulk_create(to_create, batch_size=1000)
                Region.objects.bulk_update(
                    to_update, ["name", "kind", "parent", "level"], batch_size=1000
                )
                created += len(to_create)
                updated += len(to_update)
    return ImportResult(created=created, updated=updated, unchanged=unchanged)
