"""KBLI 2020 import: the demo subset ships in ``data/kbli_demo.csv``; the full BPS list in
the same shape (``code,title,level,parent``) loads with ``pencaker import_kbli PATH``.
Idempotent: an existing code is updated, nothing is deleted (organisations point at it).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import IO, Any

from django.db import transaction

from pencaker.core.audit import AuditAction, audit_record
from pencaker.employers.models import KbliLevel, KbliSector

DEMO_CSV = Path(__file__).parent / "data" / "kbli_demo.csv"


def kbli_import_csv(*, handle: IO[str], actor: Any = None) -> int:
    """Load rows parents first (sections, then longer codes); returns how many."""
    rows = [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]
    levels = list(KbliLevel.values)
    rows.sort(key=lambda r: (levels.index(r["level"]) if r["level"] in levels else 99, r["code"]))
    with transaction.atomic():
        for row in rows:
            if row["level"] not in levels or not row["code"]:
                raise ValueError(f"bad KBLI row: {row}")
            KbliSector.objects.update_or_create(
                code=row["code"],
                defaults={
                    "title": row["title"],
                    "level": row["level"],
                    "parent_id": row.get("parent") or None,
                },
            )
        audit_record(actor=actor, action=AuditAction.EMPLOYER_KBLI_IMPORT, data={"rows": len(rows)})
    return len(rows)


def kbli_import_demo() -> int:
    with DEMO_CSV.open(encoding="utf-8") as handle:
        return kbli_import_csv(handle=handle)
