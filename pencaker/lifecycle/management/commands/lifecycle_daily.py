"""``pencaker lifecycle_daily [--today YYYY-MM-DD] [--office CODE]``: the daily rules.

Run once a day (cron, systemd timer or the task worker); running it twice on the same
day sends and changes nothing more.
"""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from pencaker.lifecycle.services import lifecycle_daily, lifecycle_daily_local
from pencaker.offices.models import Office
from pencaker.offices.selectors import office_today


class Command(BaseCommand):
    help = "Send report reminders, expire cards and remove holders who missed a report."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="the day to act on (YYYY-MM-DD); default: today")
        parser.add_argument("--office", help="only this office (code, e.g. 16.71)")

    def handle(self, *args, **options):
        today = None
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError("--today must be a date like 2025-07-15") from None
        office = None
        if options["office"]:
            office = Office.objects.filter(code=options["office"]).first()
            if office is None:
                raise CommandError(f"no office with code {options['office']!r}")
        if today is None and office is None:
            # Every office on its own date (ADR 0031: WIB, WITA, WIT).
            result = lifecycle_daily_local()
            shown = timezone.localdate().isoformat()
        else:
            today = today or office_today(office)
            result = lifecycle_daily(today=today, office=office)
            shown = today.isoformat()
        self.stdout.write(json.dumps({"today": shown, **result.as_dict()}))
        for error in result.errors:
            self.stderr.write(error)
        if result.errors:
            raise CommandError(f"{len(result.errors)} card(s) failed: {result.errors[0]}")
