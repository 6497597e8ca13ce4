"""Write the signed PDF of a card (its newest version, or --card-version N) to a file."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pencaker.cards.models import Card
from pencaker.cards.numbers import CardNumberError, parse_card_number


class Command(BaseCommand):
    help = "Export the signed PDF of card NUMBER to FILE.pdf."

    def add_arguments(self, parser):
        parser.add_argument("number")
        parser.add_argument("-o", "--output", required=True)
        parser.add_argument("--card-version", dest="card_version", type=int, default=None)

    def handle(self, *args, number: str, output: str, card_version: int | None, **options):
        try:
            canonical = parse_card_number(number).canonical
        except CardNumberError as exc:
            raise CommandError(f"{number!r} is not a valid card number ({exc.reason})") from None
        cards = Card.objects.filter(number=canonical)
        if card_version is not None:
            cards = cards.filter(version=card_version)
        card = cards.order_by("-version").first()
        if card is None:
            raise CommandError(f"no card {canonical}")
        if not card.has_pdf:
            raise CommandError(f"card {canonical} v{card.version} has no PDF yet")
        with card.pdf.open("rb") as handle:
            Path(output).write_bytes(handle.read())
        self.stdout.write(f"{output} ({card.number} v{card.version}, sha256 {card.pdf_sha256})")
