"""Start signing QR tokens with a new key; old public keys stay published."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from pencaker.cards.qr_keys import published_jwks, signing_key_rotate


class Command(BaseCommand):
    help = "Create a new QR signing key and retire the current one (it stays published)."

    def handle(self, *args, **options):
        key = signing_key_rotate()
        count = len(published_jwks()["keys"])
        self.stdout.write(f"new key {key.kid}; {count} key(s) published")
