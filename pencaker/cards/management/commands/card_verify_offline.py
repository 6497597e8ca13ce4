"""Verify a QR token as an offline checker does: with a saved key set and status list."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from pencaker.cards.offline import verify_offline
from pencaker.cards.status_list import StatusListError
from pencaker.cards.tokens import TokenError


def _token(text: str) -> str:
    """The token itself, or the verification URL the QR code holds."""
    path = urlsplit(text.strip()).path
    return path.rsplit("/", 1)[-1] if "/" in path else text.strip()


class Command(BaseCommand):
    help = (
        "Verify a card's QR token offline: the signature with a saved "
        "pencaker-keys.json, and its status in a saved pencaker-status.json (with its age)."
    )

    def add_arguments(self, parser):
        parser.add_argument("token", help="the token, or the URL read from the QR code")
        parser.add_argument("--keys", required=True, help="saved /.well-known/pencaker-keys.json")
        parser.add_argument("--status-list", help="saved /.well-known/pencaker-status.json")

    def handle(self, *args, token: str, keys: str, status_list: str | None = None, **options):
        try:
            jwks = json.loads(Path(keys).read_text(encoding="utf-8"))
            document = (
                json.loads(Path(status_list).read_text(encoding="utf-8")) if status_list else None
            )
        except (OSError, ValueError) as exc:
            raise CommandError(f"cannot read the saved files: {exc}") from exc
        try:
            verdict = verify_offline(_token(token), jwks, document, now=timezone.now())
        except TokenError as exc:
            raise CommandError(f"not genuine: {exc}") from exc
        except StatusListError as exc:
            raise CommandError(f"status list refused: {exc}") from exc
        self.stdout.write(verdict.describe())
