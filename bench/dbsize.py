#!/usr/bin/env python3
"""Database size per table after a benchmark run (PostgreSQL only): rows and bytes with
indexes and TOAST, for docs/capacity.md. Prints one JSON line.

    python bench/dbsize.py      # inside the benchmark installation's environment
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SQL = """
SELECT c.relname, c.reltuples::bigint, pg_total_relation_size(c.oid)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r' AND n.nspname = 'public'
ORDER BY pg_total_relation_size(c.oid) DESC
"""


def main() -> int:
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        print(json.dumps({}))
        return 0
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute(SQL)
        tables = {name: {"rows": rows, "bytes": size} for name, rows, size in cursor.fetchall()}
        cursor.execute("SELECT pg_database_size(current_database())")
        total = cursor.fetchone()[0]
    print(json.dumps({"database_bytes": total, "tables": tables}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
