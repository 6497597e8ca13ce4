"""``pencaker exchange_forward``: queue every office's new records and send what is due."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from pencaker.exchange.forwarder import forward_run, forwarder_configured


class Command(BaseCommand):
    help = "Forward new records to the central endpoint (PENCAKER_EXCHANGE_FORWARDER)."

    def handle(self, *args, **options):
        if forwarder_configured() is None:
            self.stdout.write("PENCAKER_EXCHANGE_FORWARDER is off: nothing to do.")
            return
        result = forward_run()
        self.stdout.write(f"sent {result.sent}, failed {result.failed}")
