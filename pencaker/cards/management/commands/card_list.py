"""List issued cards (number, version, status, holder name, office, dates)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from pencaker.cards.selectors import card_list_rows


class Command(BaseCommand):
    help = "List issued AK/1 cards; --json for machine-readable output."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print a JSON array")

    def handle(self, *args, json: bool = False, **options):  # noqa: A002 - the flag's name
        rows = card_list_rows()
        if json:
            self.stdout.write(_dumps(rows))
            return
        for row in rows:
            self.stdout.write(
                f"{row['number']} v{row['version']}  {row['status']:<10}  "
                f"{row['issued_on']}  {row['holder_name']}"
            )


def _dumps(rows) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2)
