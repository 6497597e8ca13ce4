"""``pencaker import_holders FILE --office CODE [--dry-run]``: the holders import from a
shell (the same service as the admin dinas screen)."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from pencaker.core.errors import DomainError
from pencaker.exchange.holders_import import holders_import
from pencaker.offices.models import Office


class Command(BaseCommand):
    help = "Import existing AK/1 card holders from a CSV or XLSX file (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--office", required=True, help="office code, e.g. 16.71")
        parser.add_argument("--dry-run", action="store_true", help="check only, change nothing")

    def handle(self, *args, **options):
        translation.activate("id")
        office = Office.objects.filter(code=options["office"]).first()
        if office is None:
            raise CommandError(f"unknown office {options['office']!r}")
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror or exc}") from exc
        started = time.monotonic()
        try:
            report = holders_import(
                office=office,
                data=data,
                actor=None,
                filename=path.name,
                dry_run=options["dry_run"],
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        for problem in report.problems:
            for message in problem.messages:
                self.stderr.write(f"baris {problem.row}: {message}")
        elapsed = time.monotonic() - started
        summary = (
            f"{report.rows} baris: {report.new} baru, {report.unchanged} sudah ada, "
            f"{len(report.problems)} bermasalah ({elapsed:.1f} s)"
        )
        if report.problems:
            raise CommandError(summary + " — tidak ada yang diimpor.")
        if report.committed:
            self.stdout.write(summary + " — diimpor.")
        else:
            self.stdout.write(
                summary + (" — uji saja, tidak ada yang diubah." if options["dry_run"] else "")
            )
