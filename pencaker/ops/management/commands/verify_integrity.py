"""pencaker verify_integrity: every file against its checksum, no half-written application."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from pencaker.ops.backup import installation_verify


class Command(BaseCommand):
    help = "Verify stored files, application document snapshots and cards; print JSON."

    def handle(self, *args, **options):
        report = installation_verify()
        self.stdout.write(json.dumps(report.as_dict()))
        if not report.ok:
            raise CommandError(f"{len(report.problems)} problems found")
