"""``pencaker vacancies_daily [--today YYYY-MM-DD]``: close published vacancies whose
closing date has passed (the scheduler runs it every day with the lifecycle rules)."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from pencaker.vacancies.services import vacancies_daily


class Command(BaseCommand):
    help = "Close as expired the published vacancies whose closing date has passed."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None)

    def handle(self, *args, today=None, **options):
        result = vacancies_daily(today=today or timezone.localdate())
        self.stdout.write(f"expired={result.expired}")
