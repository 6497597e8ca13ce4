#!/usr/bin/env python3
"""In-process CPU per request (issue 18, item 3): ``time.process_time`` of the app's own
process around each request through Django's test client — the full middleware stack
and the real database of the installation, without the network and the HTTP server.
The database server's CPU is not counted (another process). Also counts the SQL
statements each request sends.

    python bench/cpu.py N < {"tokens": [...], "card": {...}, "operator": "..."}

Run by ``bench/load.py`` inside the benchmark installation before the server starts;
prints one JSON line: per kind the median and mean CPU ms and the median statements.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
import uuid

# No sys.path change: bench/cpu_ab.py chooses which tree's ``pencaker`` is imported.
WARM = 3


def main() -> int:
    samples = int(sys.argv[1])
    given = json.loads(sys.stdin.read())
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    counted = [0]

    def counter(execute, sql, params, many, context):
        counted[0] += 1
        return execute(sql, params, many, context)

    client = Client(HTTP_HOST="127.0.0.1")
    operator = {"HTTP_AUTHORIZATION": f"Bearer {given['operator']}"}
    card = json.dumps(given["card"])
    tokens = list(given["tokens"])
    submitted: list[tuple[str, str]] = []
    verify_n = iter(range(10**9))

    def healthz():
        return client.get("/healthz")

    def submit():
        token = tokens.pop()
        response = client.post(
            "/api/v1/applications/",
            b'{"type": "new"}',
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
            HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
        )
        if response.status_code == 201:
            submitted.append((token, response.json()["tracking_number"]))
        return response

    def withdraw():
        token, tracking = submitted.pop()
        return client.post(
            f"/api/v1/applications/{tracking}/withdraw",
            b"{}",
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )

    def card_verify():
        n = next(verify_n)
        return client.post(
            "/api/v1/cards/verify",
            card,
            content_type="application/json",
            REMOTE_ADDR=f"10.9.{n // 250 % 250}.{n % 250 + 1}",
        )

    def operator_queue():
        return client.get("/api/v1/applications/operator/queue", **operator)

    kinds = {
        "healthz": (healthz, samples * 3, 200),
        "submit": (submit, max(1, samples - WARM), 201),
        "withdraw": (withdraw, max(1, samples - WARM * 2), 200),
        "card_verify": (card_verify, samples * 3, 200),
        "operator_queue": (operator_queue, samples, 200),
    }
    out = {}
    with connection.execute_wrapper(counter):
        for name, (call, count, expected) in kinds.items():
            for _ in range(WARM):
                call()
            cpu, statements = [], []
            for _ in range(count):
                counted[0] = 0
                started = time.process_time()
                response = call()
                cpu.append((time.process_time() - started) * 1000)
                statements.append(counted[0])
                if response.status_code != expected:
                    raise SystemExit(f"{name}: {response.status_code} {response.content[:300]}")
            out[name] = {
                "cpu_ms_median": round(statistics.median(cpu), 2),
                "cpu_ms_mean": round(statistics.fmean(cpu), 2),
                "statements": statistics.median(statements),
                "samples": count,
            }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
