from django.core.management.base import BaseCommand

from pencaker.notifications.services import notifications_retry_due


class Command(BaseCommand):
    help = "Deliver every queued message whose next attempt is due (run every few minutes)."

    def handle(self, *args, **options):
        count = notifications_retry_due()
        self.stdout.write(f"tried {count} message(s)")
