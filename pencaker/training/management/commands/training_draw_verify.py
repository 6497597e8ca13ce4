"""``pencaker training_draw_verify URL_OR_FILE``: recompute a published training draw
(``undian.json``) and say whether it matches. Exit status 1 when it does not."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from pencaker.training.lottery import record_verify

MAX_BYTES = 20 * 1024 * 1024


def _load(source: str) -> Any:
    if source.startswith(("http://", "https://")):
        request = urllib.request.Request(source, headers={"Accept": "application/json"})  # noqa: S310
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            raw = response.read(MAX_BYTES + 1)
    else:
        raw = Path(source).read_bytes()
    if len(raw) > MAX_BYTES:
        raise CommandError("the record is larger than 20 MB")
    return json.loads(raw.decode("utf-8"))


class Command(BaseCommand):
    help = "Recompute a published training draw (undian.json) and say whether it matches."

    def add_arguments(self, parser):
        parser.add_argument("source", help="URL or path of the undian.json record")

    def handle(self, *args, **options):
        try:
            record = _load(options["source"])
        except (OSError, ValueError) as exc:
            raise CommandError(f"cannot read the record: {exc}") from exc
        if not isinstance(record, dict):
            raise CommandError("the record is not a JSON object")
        problems = record_verify(record)
        if problems:
            for problem in problems:
                self.stderr.write(f"MISMATCH: {problem}")
            raise CommandError("the draw does NOT match its record", returncode=1)
        self.stdout.write(
            f"OK: the draw matches: {len(record['selected'])} selected, "
            f"{len(record['waiting'])} waiting, from {len(record['registrants'])} registrants "
            f"(commitment {record['commitment']})."
        )
