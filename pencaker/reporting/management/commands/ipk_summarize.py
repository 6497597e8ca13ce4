"""``pencaker ipk_summarize [--office CODE] [--rebuild]``: summarise closed IPK months.

Run it nightly (or at least after each month ends); the reports are correct without it,
only slower for long periods. ``--rebuild`` recounts every closed month from the events.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from pencaker.offices.models import Office
from pencaker.reporting.summary import summary_refresh


class Command(BaseCommand):
    help = "Summarise the closed months of the IPK reports (all offices unless --office)."

    def add_arguments(self, parser):
        parser.add_argument("--office", help="office code, e.g. 16.71")
        parser.add_argument("--rebuild", action="store_true")

    def handle(self, *args, office=None, rebuild=False, **options):
        offices = Office.objects.all()
        if office:
            offices = offices.filter(code=office)
            if not offices.exists():
                raise CommandError(_("There is no office with code %(code)s.") % {"code": office})
        for target in offices:
            began = time.monotonic()
            months = summary_refresh(office=target, rebuild=rebuild)
            self.stdout.write(
                f"{target.code}: summarised months={months} seconds={time.monotonic() - began:.1f}"
            )
