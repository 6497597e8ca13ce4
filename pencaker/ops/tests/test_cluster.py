"""The multi-host deployment, short form (issue 18): HAProxy, two app hosts, pgbouncer, a
PostgreSQL primary with a synchronous hot standby and S3 (moto) on their own loopback
addresses, under the durability harness's load; one app host is SIGKILLed, then the
primary, the standby is promoted and the old primary comes back as its standby. Nothing
acknowledged may be lost or duplicated.

Runs in the PostgreSQL pass only (``postgres_only``: it starts its own PostgreSQL pair).
HAProxy and pgbouncer must be installed (scripts/ensure-system-deps): a missing engine
fails the run, it is never skipped. The full form is ``make cluster-test``.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
HARNESS = ROOT / "scripts" / "durability" / "harness.py"

pytestmark = pytest.mark.postgres_only


@functools.cache
def _short_cluster_run() -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            str(HARNESS),
            "--cluster",
            "--clients",
            "6",
            "--workers",
            "1",
            "--seed",
            "7",
        ],
        capture_output=True,
        text=True,
        timeout=1500,
        cwd=ROOT,
    )


def _details() -> tuple[subprocess.CompletedProcess, dict, list[str]]:
    result = _short_cluster_run()
    lines = result.stdout.strip().splitlines()
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    return result, json.loads(lines[-2]), lines


def test_cluster_loses_and_duplicates_nothing_over_a_host_kill_and_a_failover():
    result, details, lines = _details()
    assert lines[-1] == f"acknowledged={details['acknowledged']} lost=0 duplicated=0"
    assert details["acknowledged"] > 0
    assert details["problems"] == []
    assert details["client_errors"] == []
    assert details["uploads_lost"] == 0
    for kind in ("vacancy_applications", "counter_bookings", "complaints"):
        assert details[f"{kind}_lost"] == 0
        assert details[f"{kind}_duplicated"] == 0
    assert "500" not in details["statuses"]


def test_the_other_host_serves_while_one_is_down():
    _, details, _ = _details()
    assert details["phases"]["host_kill"]["served_while_down"] > 0


def test_writes_get_503_with_retry_after_during_the_failover_then_succeed():
    _, details, _ = _details()
    assert details["phases"]["primary_kill"]["unavailable_503"] > 0
    assert "503_without_retry_after" not in details["statuses"]
    # The old primary is the standby now, and holds every application the new primary has.
    assert details["phases"]["rejoin"] == {"standby": "pg-1", "primary": "pg-2"}
    assert details["standby_applications"] > 0


def test_reads_went_to_the_standby_and_the_scheduler_ran_each_period_once():
    _, details, _ = _details()
    assert details["replica_reads_ok"] > 0
    assert details["pgbouncer_queries"]["pencaker_ro"] > 0
    scheduler = details["scheduler"]
    assert scheduler["notifications_retry_periods"] >= 1
    assert scheduler["enqueued"] == scheduler["notifications_retry_periods"]
