"""pencaker cleanup_orphans [--grace-minutes N] [--dry-run] [--schedule]"""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand

from pencaker.ops.orphans import DEFAULT_GRACE, orphans_cleanup
from pencaker.ops.tasks import schedule_orphans_cleanup


class Command(BaseCommand):
    help = (
        "Delete stored files that no database row refers to and stale upload temp files, "
        "older than the grace period."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--grace-minutes",
            type=int,
            default=int(DEFAULT_GRACE.total_seconds() // 60),
            help="Only remove files older than this (default 60). Keep it longer than any upload.",
        )
        parser.add_argument("--dry-run", action="store_true", help="List, delete nothing.")
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Also enqueue the hourly background clean-up (database task backend).",
        )

    def handle(self, *args, grace_minutes: int, dry_run: bool, schedule: bool, **options):
        result = orphans_cleanup(grace=timedelta(minutes=max(0, grace_minutes)), dry_run=dry_run)
        verb = "would remove" if dry_run else "removed"
        for name in result.orphans:
            self.stdout.write(f"{verb} orphan {name}")
        for path in result.temp_files:
            self.stdout.write(f"{verb} temp file {path}")
        self.stdout.write(
            f"orphans={len(result.orphans)} temp_files={len(result.temp_files)} "
            f"kept_recent={result.kept_recent}"
        )
        if schedule:
            enqueued = schedule_orphans_cleanup()
            self.stdout.write(
                "background clean-up " + ("scheduled" if enqueued else "already scheduled")
            )
