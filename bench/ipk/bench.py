#!/usr/bin/env python3
"""IPK report benchmark (issue 5 item 7): monthly III/1, III/2, III/8 at 1M job seekers.

Run against a throwaway PostgreSQL cluster:

    .venv/bin/python scripts/pgtmp.py -- .venv/bin/python bench/ipk/bench.py \
        --seekers 1000000 --months 24 --office 16.71 --repeat 7 --json bench/ipk/result.json

It migrates the database named by DATABASE_URL, generates the data set with
``bench/ipk/generate.py`` (events up to the end of the current month, so the current month
is open), summarises the closed months, then times each report (median of ``--repeat``
runs after one warm-up) for the last closed month, the current month, the current year and,
for comparison, the last closed month counted from the events alone. EXPLAIN ANALYZE of
the queries behind the last closed month and the current month is written next to the
JSON (``.plans.txt``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seekers", type=int, default=1_000_000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--office", default="16.71")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", dest="json_path")
    parser.add_argument(
        "--no-cluster",
        dest="cluster",
        action="store_false",
        help="leave the events in generation order (one seeker after another)",
    )
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pencaker.settings")
    os.environ.setdefault("PENCAKER_DATA_DIR", tempfile.mkdtemp(prefix="pencaker-ipk-bench-"))
    if not os.environ.get("DATABASE_URL"):
        sys.exit("DATABASE_URL is not set: run through scripts/pgtmp.py (see the docstring)")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from bench.ipk.generate import generate_log
    from pencaker.lifecycle.models import SeekerEvent
    from pencaker.offices.models import Office
    from pencaker.reporting import ipk, periods
    from pencaker.reporting.models import IpkMonthlyCount

    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    current = periods.month(today.year, today.month)
    began = time.monotonic()
    generate_log(
        seekers=args.seekers,
        months=args.months,
        office=args.office,
        end=current.code,
        create_office=True,
        no_summary=True,
    )
    generate_seconds = time.monotonic() - began
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            if args.cluster:
                # A live log is appended in time order, so a month's events sit together;
                # the generator writes one seeker at a time, so put them in date order.
                cursor.execute("CLUSTER lifecycle_seekerevent USING seeker_event_office_day")
            cursor.execute("VACUUM ANALYZE")
    office = Office.objects.get(code=args.office)
    began = time.monotonic()
    call_command("ipk_summarize", office=args.office)
    summary_seconds = time.monotonic() - began
    last_closed = periods.month(*(lambda d: (d.year, d.month))(current.start - dt.timedelta(1)))
    cases = [
        ("last closed month", last_closed, True),
        ("current month (open)", current, True),
        ("current year", periods.year(today.year), True),
        ("last closed month, events only", last_closed, False),
    ]
    results = []
    plans = []
    for label, period, use_summary in cases:
        for code, form in ipk.FORMS.items():
            ipk.compute(office=office, form=form, period=period, use_summary=use_summary)
            times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                report = ipk.compute(
                    office=office, form=form, period=period, use_summary=use_summary
                )
                times.append(time.perf_counter() - t0)
            results.append(
                {
                    "case": label,
                    "form": code,
                    "period": period.code,
                    "median_ms": round(statistics.median(times) * 1000, 1),
                    "max_ms": round(max(times) * 1000, 1),
                    "sources": list(report.sources),
                    "total_left_at_end": report.total.total.left_end,
                }
            )
            print(json.dumps(results[-1]), flush=True)
            if code in (ipk.III_1, ipk.III_8) and connection.vendor == "postgresql":
                with CaptureQueriesContext(connection) as queries:
                    ipk.compute(office=office, form=form, period=period, use_summary=use_summary)
                for query in queries.captured_queries:
                    if "GROUP BY" not in query["sql"]:
                        continue
                    with connection.cursor() as cursor:
                        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                        plan = "\n".join(row[0] for row in cursor.fetchall())
                    plans.append(f"== {label} · {code} ==\n{query['sql']}\n\n{plan}\n")
    summary = {
        "database": connection.vendor,
        "server_version": getattr(connection, "pg_version", None),
        "seekers": args.seekers,
        "months": args.months,
        "events": SeekerEvent.objects.filter(office=office).count(),
        "summary_rows": IpkMonthlyCount.objects.filter(office=office).count(),
        "generate_seconds": round(generate_seconds, 1),
        "summarise_seconds": round(summary_seconds, 1),
        "repeat": args.repeat,
        "results": results,
    }
    print(json.dumps({k: v for k, v in summary.items() if k != "results"}))
    if args.json_path:
        Path(args.json_path).write_text(json.dumps(summary, indent=2) + "\n")
        Path(args.json_path).with_suffix(".plans.txt").write_text("\n".join(plans))
    slow = [r for r in results if r["median_ms"] >= 1000 and "events only" not in r["case"]]
    return 1 if slow else 0


if __name__ == "__main__":
    raise SystemExit(main())
