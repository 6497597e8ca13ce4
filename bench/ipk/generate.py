#!/usr/bin/env python3
"""A synthetic IPK event log for benchmarks and development (it was ``pencaker ipk_generate``):

    .venv/bin/python bench/ipk/generate.py --seekers 2000 --months 24 --office 16.71

It writes job seekers and their events (``generator.generate``) into the database of the
settings in use, then summarises the closed months unless ``--no-summary``. It refuses to
run in production. It lives in ``bench/`` because reporting only reads: nothing of the
installed application writes generated data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path
from typing import Any, TextIO

if __package__ in (None, ""):  # run as a script: make ``bench`` and ``pencaker`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


class GenerateError(Exception):
    pass


def generate_log(
    *,
    seekers: int,
    months: int,
    office: str,
    end: str | None = None,
    seed: int = 2026,
    create_office: bool = False,
    no_summary: bool = False,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> Any:
    """Generate the log for the office with code ``office``; returns the last progress."""
    from django.conf import settings
    from django.utils import timezone

    from bench.ipk.generator import generate
    from pencaker.core.errors import DomainError
    from pencaker.offices.models import Office
    from pencaker.reporting import periods
    from pencaker.reporting.summary import summary_refresh

    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if getattr(settings, "PRODUCTION", False):
        raise GenerateError("The generator writes test data and does not run in production.")
    if not 1 <= seekers <= 10_000_000 or not 1 <= months <= 240:
        raise GenerateError("Use 1 to 10,000,000 job seekers and 1 to 240 months.")
    target = Office.objects.filter(code=office).first()
    if target is None and create_office:
        target = Office.objects.create(code=office, name=f"Dinas Tenaga Kerja {office}")
    if target is None:
        raise GenerateError(f"There is no office with code {office}.")
    if end:
        try:
            period = periods.parse(end)
        except DomainError as exc:
            raise GenerateError(exc.message) from None
        if period.kind != periods.MONTH:
            raise GenerateError("Write the last month as YYYY-MM.")
        end_month = period.end
    else:
        end_month = periods.month_start(timezone.localdate())
    began = time.monotonic()
    result = None
    for result in generate(
        office=target, seekers=seekers, months=months, end_month=end_month, seed=seed
    ):
        stderr.write(f"{result.seekers} seekers, {result.events} events\n")
    assert result is not None
    stdout.write(
        f"generated seekers={result.seekers} events={result.events} "
        f"from={result.first_day:%Y-%m} to={result.end_day - dt.timedelta(days=1):%Y-%m} "
        f"seconds={time.monotonic() - began:.1f}\n"
    )
    if not no_summary:
        began = time.monotonic()
        count = summary_refresh(office=target, today=max(end_month, timezone.localdate()))
        stdout.write(f"summarised months={count} seconds={time.monotonic() - began:.1f}\n")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seekers", type=int, default=2000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--office", required=True, help="office code, e.g. 16.71")
    parser.add_argument("--end", help="YYYY-MM: the last generated month (default: last month)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--create-office", action="store_true", help="create the office if it is missing"
    )
    parser.add_argument("--no-summary", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pencaker.settings")
    import django

    django.setup()
    try:
        generate_log(**vars(args))
    except GenerateError as exc:
        sys.exit(str(exc))


if __name__ == "__main__":
    main()
