"""``pencaker import_regions PATH``: load the official Kemendagri region list.

Run it at install time and whenever Kemendagri publishes a new Kepmendagri list; it is
idempotent (see :func:`pencaker.regions.services.regions_import_csv`).
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from pencaker.regions.services import RegionImportError, regions_import_csv


class Command(BaseCommand):
    help = "Import Kemendagri region codes from a CSV file (code,name,level,parent_code,kind)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="CSV file shaped like shared/data/wilayah/regions.csv")

    def handle(self, *args, **options) -> None:
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": path})
        try:
            # utf-8-sig: spreadsheets often save a byte-order mark at the start.
            with path.open(encoding="utf-8-sig", newline="") as handle:
                result = regions_import_csv(handle=handle)
        except RegionImportError as exc:
            raise CommandError(
                _("%(path)s was not imported: %(problem)s") % {"path": path, "problem": exc.message}
            ) from exc
        except UnicodeDecodeError as exc:
            raise CommandError(
                _("%(path)s is not a UTF-8 text file; save it as CSV UTF-8 and try again.")
                % {"path": path}
            ) from exc
        except OSError as exc:
            raise CommandError(
                _("%(path)s cannot be read: %(error)s") % {"path": path, "error": exc.strerror}
            ) from exc
        self.stdout.write(
            _(
                "Regions imported from %(path)s: %(created)d created, %(updated)d updated, "
                "%(unchanged)d unchanged (%(total)d rows)."
            )
            % {
                "path": path,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "total": result.total,
            }
        )
