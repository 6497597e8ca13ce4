"""The skill vocabulary: import (demo CSV shipped, ``pencaker import_skills PATH`` for an
office's list or an ESCO/KBJI extract) and the in-memory ``scoring.Vocabulary`` built from
it.

CSV columns: ``code,name_id,name_en,kind,synonyms,esco_uri,kbji_code`` — synonyms are
separated by ``|``; kind is ``skill`` or ``certificate``. Idempotent: an existing code is
updated, nothing is deleted.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.db.models import Count, Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import DomainError
from pencaker.matching.choices import TermKind
from pencaker.matching.errors import MatchingErrorCode as E
from pencaker.matching.models import SkillTerm
from pencaker.matching.scoring import Vocabulary

DEMO_CSV = Path(__file__).parent / "data" / "skills_demo.csv"
MAX_ROWS = 50_000


def skills_import_csv(*, handle: IO[str], actor: Any = None) -> int:
    rows = []
    for number, raw in enumerate(csv.DictReader(handle), start=2):
        row = {k: (v or "").strip() for k, v in raw.items() if k}
        code = slugify(row.get("code", ""))[:60]
        kind = row.get("kind") or TermKind.SKILL
        if not code or not row.get("name_id") or kind not in TermKind.values:
            raise DomainError(
                E.INVALID_VOCABULARY,
                _("Line %(line)d of the skill list cannot be used.") % {"line": number},
            )
        rows.append((code, row, kind))
        if len(rows) > MAX_ROWS:
            raise DomainError(E.INVALID_VOCABULARY, _("The skill list is too long."))
    with transaction.atomic():
        for code, row, kind in rows:
            SkillTerm.objects.update_or_create(
                code=code,
                defaults={
                    "name_id": row["name_id"][:150],
                    "name_en": row.get("name_en", "")[:150],
                    "kind": kind,
                    "synonyms": [
                        s.strip() for s in row.get("synonyms", "").split("|") if s.strip()
                    ],
                    "esco_uri": row.get("esco_uri", "")[:300],
                    "kbji_code": row.get("kbji_code", "")[:8],
                },
            )
        audit_record(
            actor=actor, action=AuditAction.MATCHING_SKILLS_IMPORT, data={"rows": len(rows)}
        )
    _cache.clear()
    return len(rows)


def skills_import_demo() -> int:
    with DEMO_CSV.open(encoding="utf-8") as handle:
        return skills_import_csv(handle=handle)


_cache: dict[tuple, Vocabulary] = {}


def vocabulary() -> Vocabulary:
    """The vocabulary, rebuilt when the table changed (one small aggregate query)."""
    stamp = tuple(SkillTerm.objects.aggregate(n=Count("code"), at=Max("updated_at")).values())
    cached = _cache.get(stamp)
    if cached is None:
        _cache.clear()
        cached = Vocabulary(
            (t.code, t.name_id, t.kind, [t.name_en, *t.synonyms]) for t in SkillTerm.objects.all()
        )
        _cache[stamp] = cached
    return cached
