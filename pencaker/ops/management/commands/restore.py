"""pencaker restore DIR: load a backup into an empty installation and verify it."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pencaker.ops.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup made by `pencaker backup` and verify every file by checksum."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite an installation that already holds data.",
        )

    def handle(self, *args, directory: str, force: bool, **options):
        try:
            report = backup_restore(src_dir=Path(directory), force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(json.dumps(report.as_dict()))
        if not report.ok:
            raise CommandError("restored, but verification found problems (see above)")
        self.stdout.write("restore complete and verified")
