from django.core.management.base import BaseCommand

from pencaker.employers.kbli import DEMO_CSV, kbli_import_csv


class Command(BaseCommand):
    help = "Load KBLI 2020 sectors from a CSV (code,title,level,parent); default: the demo list."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEMO_CSV))

    def handle(self, *args, path: str, **options):
        with open(path, encoding="utf-8") as handle:
            count = kbli_import_csv(handle=handle)
        self.stdout.write(self.style.SUCCESS(f"{count} KBLI entries loaded."))
