"""The durability harness, short form: the real stack (gunicorn + task worker) killed with
SIGKILL while clients submit; nothing acknowledged may be lost or duplicated.

The SQLite pass runs it on the embedded SQLite mode, the PostgreSQL pass (DATABASE_URL set)
on a PostgreSQL cluster of its own, with one cycle killing the database server. The full
form is ``make durability`` (figures in bench/README.md).
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
HARNESS = ROOT / "scripts" / "durability" / "harness.py"
DB = "postgres" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"


@functools.cache
def _short_run(db: str) -> subprocess.CompletedProcess:
    """One short run per database, shared by the tests below."""
    return subprocess.run(
        [
            sys.executable,
            str(HARNESS),
            "--db",
            db,
            "--cycles",
            "2",
            "--clients",
            "10",
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


@pytest.mark.parametrize("db", [DB])
def test_short_crash_run_loses_and_duplicates_nothing(db):
    result = _short_run(db)
    lines = result.stdout.strip().splitlines()
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    details = json.loads(lines[-2])
    assert lines[-1] == f"acknowledged={details['acknowledged']} lost=0 duplicated=0"
    assert details["acknowledged"] >= 10
    assert details["problems"] == []
    assert details["orphans_left"] == 0
    assert details["uploads_lost"] == 0
    assert "500" not in details["statuses"]
    assert "conn_error" in details["statuses"], "the server was really killed"
    # Counter bookings (counter_booking_create) ran beside them and none was lost or doubled.
    assert details["counter_bookings_acknowledged"] >= 1
    assert details["counter_bookings_lost"] == 0
    assert details["counter_bookings_duplicated"] == 0


@pytest.mark.parametrize("db", [DB])
def test_short_crash_run_loses_and_duplicates_no_complaint(db):
    result = _short_run(db)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    details = json.loads(result.stdout.strip().splitlines()[-2])
    assert details["complaints_acknowledged"] >= 1
    assert details["complaints_lost"] == 0
    assert details["complaints_duplicated"] == 0
    assert "complaints: acknowledged=" in result.stderr


@pytest.mark.parametrize("db", [DB])
def test_short_crash_run_keeps_every_event_registration_once_within_the_quota(db):
    # Moved from the events app: the same cached run carries every write kind.
    result = _short_run(db)
    lines = result.stdout.strip().splitlines()
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    details = json.loads(lines[-2])
    assert details["event_registrations_acknowledged"] >= 1
    assert details["event_registrations_lost"] == 0
    assert details["event_registrations_duplicated"] == 0
    assert details["problems"] == []
    assert "event registrations: acknowledged=" in result.stderr


@pytest.mark.parametrize("db", [DB])
def test_short_crash_run_keeps_every_objection_and_consent_switch(db):
    result = _short_run(db)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    details = json.loads(result.stdout.strip().splitlines()[-2])
    assert details["objections_acknowledged"] >= 1
    assert details["objections_lost"] == 0
    assert details["objections_duplicated"] == 0
    assert details["matching_settings_acknowledged"] >= 1
    assert details["matching_settings_lost"] == 0
    assert "objections: acknowledged=" in result.stderr
    assert "matching settings: acknowledged=" in result.stderr


@pytest.mark.parametrize("db", [DB])
def test_short_crash_run_loses_and_duplicates_no_training_registration(db):
    result = _short_run(db)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    details = json.loads(result.stdout.strip().splitlines()[-2])
    # training_register (Idempotency-Key kept across retries) and training_confirm ran
    # beside the others through the kills; nothing acknowledged was lost or doubled.
    assert details["training_registrations_acknowledged"] >= 1
    assert details["training_registrations_lost"] == 0
    assert details["training_registrations_duplicated"] == 0
    assert details["training_confirmations_acknowledged"] >= 1
    assert details["training_confirmations_lost"] == 0
    assert details["training_confirmations_duplicated"] == 0
    assert "training registrations: acknowledged=" in result.stderr


@pytest.mark.parametrize("db", [DB])
def test_short_crash_run_records_every_training_attendance_once(db):
    result = _short_run(db)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    details = json.loads(result.stdout.strip().splitlines()[-2])
    assert details["training_attendance_acknowledged"] >= 1
    assert details["training_attendance_lost"] == 0
    assert details["training_attendance_duplicated"] == 0
    assert "training attendance: acknowledged=" in result.stderr
