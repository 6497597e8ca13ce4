"""KBJI 2014 import: the demo subset ships in ``data/kbji_demo.csv``; the full BPS list in
the same shape (``code,title,parent``) loads with ``pencaker import_kbji PATH``.
Idempotent: an existing code is updated, nothing is deleted (vacancies point at it).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import IO, Any

from django.db import transaction

from pencaker.core.audit import AuditAction, audit_record
from pencaker.vacancies.models import KbjiOccupation

DEMO_CSV = Path(__file__).parent / "data" / "kbji_demo.csv"


def kbji_import_csv(*, handle: IO[str], actor: Any = None) -> int:
    """Load rows parents first (shorter codes first); returns how many."""
    rows = [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]
    rows.sort(key=lambda r: (len(r["code"]), r["code"]))
    with transaction.atomic():
        for row in rows:
            if not row["code"].isdigit() or not row["title"]:
                raise ValueError(f"bad KBJI row: {row}")
            KbjiOccupation.objects.update_or_create(
                code=row["code"],
                defaults={"title": row["title"], "parent_id": row.get("parent") or None},
            )
        audit_record(actor=actor, action=AuditAction.VACANCY_KBJI_IMPORT, data={"rows": len(rows)})
    return len(rows)


def kbji_import_demo() -> int:
    with DEMO_CSV.open(encoding="utf-8") as handle:
        return kbji_import_csv(handle=handle)
