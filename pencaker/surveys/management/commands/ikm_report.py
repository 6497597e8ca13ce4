"""``pencaker ikm_report --csv FILE [--json]``: compute the IKM from a CSV file.

Numbers are printed as rounded for display (NRR and IKM to 2 decimals, converted values to
2 decimals, half-up); see ``pencaker.surveys.ikm`` for the full convention.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from pencaker.surveys.csv_input import read_csv_file
from pencaker.surveys.ikm import IkmInputError, IkmResult, compute, parse_table


class Command(BaseCommand):
    help = "Compute the community satisfaction index (IKM) from a CSV with one row per respondent."

    def add_arguments(self, parser):
        parser.add_argument("--csv", required=True, dest="csv_path", help="the CSV file")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="print JSON instead of a table"
        )

    def handle(self, *args, csv_path: str, as_json: bool = False, **options):
        try:
            header, rows = read_csv_file(csv_path)
            result = compute(parse_table(header, rows))
        except IkmInputError as exc:
            raise CommandError(exc.message) from None
        if result.respondents == 0:
            raise CommandError(_("The file has no answers."))
        if not result.complete:
            missing = ", ".join(e.code for e in result.elements if e.nrr is None)
            raise CommandError(
                _("Nobody answered %(codes)s, so the index cannot be computed.")
                % {"codes": missing}
            )
        if as_json:
            self.stdout.write(dump_json(result))
        else:
            self.stdout.write(render_table(result))


def dump_json(result: IkmResult) -> str:
    return json.dumps(result.as_dict(), ensure_ascii=False)


def render_table(result: IkmResult) -> str:
    lines = [
        f"{_('Element'):<48} {_('Answered'):>9} {'NRR':>6} {_('Converted'):>10}  {_('Grade')}",
        "-" * 90,
    ]
    for e in result.elements:
        name = f"{e.code} {e.element.name}"[:48]
        grade = e.grade
        lines.append(
            f"{name:<48} {e.respondents:>9} {e.nrr_display!s:>6} {e.converted_display!s:>10}  "
            f"{grade.letter if grade else ''} {grade.label if grade else ''}"
        )
    grade = result.grade
    lines += [
        "-" * 90,
        _("Respondents: %(n)s") % {"n": result.respondents},
        _("IKM: %(ikm)s   converted: %(converted)s   grade: %(grade)s %(label)s")
        % {
            "ikm": result.ikm_display,
            "converted": result.converted_display,
            "grade": grade.letter if grade else "",
            "label": grade.label if grade else "",
        },
        _(
            "IKM = mean of the 9 element NRRs (weight 1/9), converted = IKM × 25; exact "
            "arithmetic, rounded half-up to 2 decimals only for display; the grade uses the "
            "rounded converted value."
        ),
    ]
    return "\n".join(lines)
