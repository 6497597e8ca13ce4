from django.core.management.base import BaseCommand, CommandError

from pencaker.core.errors import DomainError
from pencaker.matching.vocabulary import skills_import_csv, skills_import_demo


class Command(BaseCommand):
    help = "Load the skill vocabulary from a CSV (code,name_id,name_en,kind,synonyms,esco_uri,kbji_code); without a path, the demo list."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?")

    def handle(self, *args, path=None, **options):
        try:
            if path:
                with open(path, encoding="utf-8") as handle:
                    count = skills_import_csv(handle=handle)
            else:
                count = skills_import_demo()
        except (OSError, DomainError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{count} skill terms loaded")
