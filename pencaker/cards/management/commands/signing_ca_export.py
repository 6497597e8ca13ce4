"""Export the trust anchor that validates card signatures (PEM)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from pencaker.cards.signing import trust_anchor_pem


class Command(BaseCommand):
    help = "Write the certificate that validates card PDF signatures (PEM) to a file or stdout."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="file to write; '-' or nothing for stdout")

    def handle(self, *args, output=None, **options):
        pem = trust_anchor_pem()
        if not output or output == "-":
            sys.stdout.write(pem.decode("ascii"))
            return
        path = Path(output)
        path.write_bytes(pem)
        self.stdout.write(f"{path}")
