"""The benchmark's three reference views (issue 18, item 2).

* ``reference`` — the same tiny JSON answer as ``/healthz``; served at ``/bench/bare``
  by a Django handler with no middleware at all (``bench.wsgi``) and at ``/bench/full``
  through the full production middleware stack. Their ratio is what the middleware costs.
* ``insert`` — one durable INSERT and its COMMIT (fsync on PostgreSQL with
  ``synchronous_commit=on``, WAL sync on SQLite) through the full stack: the floor of any
  write that is committed before it is answered (a submission is several of these rows in
  one transaction).
"""

from __future__ import annotations

from django.db import connection, transaction
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

PROBE_TABLE = "bench_insert_probe"


def probe_table_create() -> None:
    """The table ``insert`` writes to; made by the bench's seeding step, never by a
    migration (it exists only in the bench's throwaway database)."""
    key = (
        "BIGSERIAL PRIMARY KEY"
        if connection.vendor == "postgresql"
        else "INTEGER PRIMARY KEY AUTOINCREMENT"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {PROBE_TABLE} "  # noqa: S608 - fixed name
            f"(id {key}, created_at TIMESTAMP NOT NULL, note VARCHAR(40) NOT NULL)"
        )


def reference(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@csrf_exempt
def insert(request: HttpRequest) -> JsonResponse:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {PROBE_TABLE} (created_at, note) VALUES (%s, %s)",  # noqa: S608
            [timezone.now().replace(tzinfo=None), "bench"],
        )
    return JsonResponse({"status": "ok"}, status=201)
