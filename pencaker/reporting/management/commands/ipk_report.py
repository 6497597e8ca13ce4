"""``pencaker ipk_report FORM --month YYYY-MM [--office CODE] --format json|xlsx [-o FILE]``

FORM is III/1, III/2, III/3, III/4, III/7 or III/8. ``--semester YYYY-S1`` or ``--year YYYY`` instead of
``--month`` give the semester or year report. Without ``--office``, the only office of the
installation (or the demo office). JSON goes to standard output unless ``-o``; XLSX needs
``-o``.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from pencaker.core.errors import DomainError
from pencaker.offices.models import Office
from pencaker.reporting import ipk, periods, xlsx_export


class Command(BaseCommand):
    help = "Print or save an IPK report (III/1, III/2, III/3, III/4, III/7, III/8) of an office for a period."

    def add_arguments(self, parser):
        parser.add_argument("form", help="III/1, III/2, III/3, III/4, III/7 or III/8")
        when = parser.add_mutually_exclusive_group(required=True)
        when.add_argument("--month", help="YYYY-MM")
        when.add_argument("--semester", help="YYYY-S1 or YYYY-S2")
        when.add_argument("--year", help="YYYY")
        parser.add_argument("--office", help="office code, e.g. 16.71")
        parser.add_argument("--format", choices=["json", "xlsx"], default="json", dest="fmt")
        parser.add_argument("-o", "--output", help="file to write")

    def _office(self, code: str | None) -> Office:
        if code:
            office = Office.objects.filter(code=code).first()
            if office is None:
                raise CommandError(_("There is no office with code %(code)s.") % {"code": code})
            return office
        offices = list(Office.objects.all()[:2])
        if len(offices) == 1:
            return offices[0]
        demo = Office.objects.filter(code=settings.PENCAKER_DEMO_OFFICE_CODE).first()
        if demo is None or len(offices) > 1:
            raise CommandError(_("Name the office with --office CODE."))
        return demo

    def handle(self, *args, form, month, semester, year, office, fmt, output, **options):
        spec = ipk.form_by_code(form)
        if spec is None:
            raise CommandError(
                _("Unknown form %(form)s: use III/1, III/2, III/3, III/4, III/7 or III/8.")
                % {"form": form}
            )
        code = month or semester or year
        try:
            period = periods.parse(code)
        except DomainError as exc:
            raise CommandError(exc.message) from None
        expected = periods.MONTH if month else periods.SEMESTER if semester else periods.YEAR
        if period.kind != expected:
            raise CommandError(
                _("%(value)s is not a valid value for this option.") % {"value": code}
            )
        report = ipk.compute(office=self._office(office), form=spec, period=period)
        if fmt == "xlsx":
            if not output:
                raise CommandError(_("Give the file to write with -o FILE.xlsx."))
            with open(output, "wb") as handle:
                handle.write(xlsx_export.render_xlsx(report))
            self.stdout.write(_("Saved %(path)s.") % {"path": output})
            return
        text = json.dumps(report.as_dict(), ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            self.stdout.write(_("Saved %(path)s.") % {"path": output})
        else:
            self.stdout.write(text)
