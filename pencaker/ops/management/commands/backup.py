"""pencaker backup -o DIR: the database and the stored files it refers to, with checksums."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pencaker.ops.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database and the stored files into a new folder (manifest written last)."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="A new or empty folder.")

    def handle(self, *args, output: str, **options):
        try:
            manifest = backup_create(out_dir=Path(output))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"backup complete: {manifest['engine']} database, {len(manifest['files'])} files "
            f"-> {output}"
        )
