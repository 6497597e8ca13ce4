import time

from django.core.management.base import BaseCommand

from pencaker.ops.scheduler import scheduler_tick


class Command(BaseCommand):
    help = "Enqueue the periodic jobs (outbox retries, orphan clean-up, daily lifecycle rules)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run one tick and exit.")
        parser.add_argument("--interval", type=float, default=60.0)

    def handle(self, *args, once: bool, interval: float, **options):
        while True:
            started = scheduler_tick()
            if started:
                self.stdout.write("enqueued: " + ", ".join(started))
            if once:
                return
            time.sleep(interval)
