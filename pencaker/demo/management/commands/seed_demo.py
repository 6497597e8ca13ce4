from django.core.management.base import BaseCommand

from pencaker.demo.seed import seed_all


class Command(BaseCommand):
    help = "Load the demo office, staff and job seeker (idempotent)."

    def handle(self, *args, **options):
        logins = seed_all()
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Demo logins:"))
        for login in logins:
            note = f"  ({login.note})" if login.note else ""
            self.stdout.write(f"  {login.role:<12} {login.email:<28} {login.password}{note}")
