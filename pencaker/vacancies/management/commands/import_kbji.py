from django.core.management.base import BaseCommand

from pencaker.vacancies.kbji import DEMO_CSV, kbji_import_csv


class Command(BaseCommand):
    help = "Load KBJI 2014 occupations from a CSV (code,title,parent); default: the demo list."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEMO_CSV))

    def handle(self, *args, path: str, **options):
        with open(path, encoding="utf-8") as handle:
            count = kbji_import_csv(handle=handle)
        self.stdout.write(self.style.SUCCESS(f"{count} KBJI entries loaded."))
