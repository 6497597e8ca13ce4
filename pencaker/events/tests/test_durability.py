"""Event registrations in the durability harness, short form: the real stack killed with
SIGKILL while job seekers register for job fairs whose quota is below their number;
nothing acknowledged is lost or duplicated and no quota is exceeded (check.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
HARNESS = ROOT / "scripts" / "durability" / "harness.py"
DB = "postgres" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"


def test_short_crash_run_keeps_every_event_registration_once_within_the_quota():
    result = subprocess.run(
        [
            sys.executable,
            str(HARNESS),
            "--db",
            DB,
            "--cycles",
            "2",
            "--clients",
            "10",
            "--workers",
            "1",
            "--seed",
            "12",
        ],
        capture_output=True,
        text=True,
        timeout=1500,
        cwd=ROOT,
    )
    lines = result.stdout.strip().splitlines()
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    details = json.loads(lines[-2])
    assert details["event_registrations_acknowledged"] >= 1
    assert details["event_registrations_lost"] == 0
    assert details["event_registrations_duplicated"] == 0
    assert details["problems"] == []
    assert "event registrations: acknowledged=" in result.stderr
