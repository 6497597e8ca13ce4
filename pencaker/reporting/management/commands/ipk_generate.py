"""``pencaker ipk_generate --seekers N --months M --office CODE``: a synthetic event log.

For benchmarks and development only (see ``pencaker.reporting.generator``); refuses to run
in production. Summarises the closed months afterwards unless ``--no-summary``.
"""

from __future__ import annotations

import datetime as dt
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.core.errors import DomainError
from pencaker.offices.models import Office
from pencaker.reporting import periods
from pencaker.reporting.generator import generate
from pencaker.reporting.summary import summary_refresh


class Command(BaseCommand):
    help = "Generate job seekers and their IPK events (benchmarks and development only)."

    def add_arguments(self, parser):
        parser.add_argument("--seekers", type=int, default=2000)
        parser.add_argument("--months", type=int, default=24)
        parser.add_argument("--office", required=True, help="office code, e.g. 16.71")
        parser.add_argument("--end", help="YYYY-MM: the last generated month (default: last month)")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--create-office", action="store_true", help="create the office if it is missing"
        )
        parser.add_argument("--no-summary", action="store_true")

    def handle(self, *args, seekers, months, office, end, seed, create_office, no_summary, **o):
        if getattr(settings, "PRODUCTION", False):
            raise CommandError(_("The generator writes test data and does not run in production."))
        if not 1 <= seekers <= 10_000_000 or not 1 <= months <= 240:
            raise CommandError(_("Use 1 to 10,000,000 job seekers and 1 to 240 months."))
        target = Office.objects.filter(code=office).first()
        if target is None and create_office:
            target = Office.objects.create(code=office, name=f"Dinas Tenaga Kerja {office}")
        if target is None:
            raise CommandError(_("There is no office with code %(code)s.") % {"code": office})
        if end:
            try:
                period = periods.parse(end)
            except DomainError as exc:
                raise CommandError(exc.message) from None
            if period.kind != periods.MONTH:
                raise CommandError(_("Write the last month as YYYY-MM."))
            end_month = period.end
        else:
            end_month = periods.month_start(timezone.localdate())
        began = time.monotonic()
        result = None
        for result in generate(
            office=target, seekers=seekers, months=months, end_month=end_month, seed=seed
        ):
            self.stderr.write(f"{result.seekers} seekers, {result.events} events")
        assert result is not None
        self.stdout.write(
            f"generated seekers={result.seekers} events={result.events} "
            f"from={result.first_day:%Y-%m} to={result.end_day - dt.timedelta(days=1):%Y-%m} "
            f"seconds={time.monotonic() - began:.1f}"
        )
        if not no_summary:
            began = time.monotonic()
            count = summary_refresh(office=target, today=max(end_month, timezone.localdate()))
            self.stdout.write(f"summarised months={count} seconds={time.monotonic() - began:.1f}")
