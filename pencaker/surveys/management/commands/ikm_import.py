"""``pencaker ikm_import --period ID --csv FILE``: store paper questionnaires of a period.

Atomic: either every row is stored or none, and the first bad row is named.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from pencaker.surveys.csv_input import read_csv_file
from pencaker.surveys.ikm import IkmInputError
from pencaker.surveys.models import SurveyPeriod
from pencaker.surveys.services import responses_import


class Command(BaseCommand):
    help = "Store a CSV of paper questionnaires (one row per respondent) as a period's responses."

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, type=int, help="the survey period id")
        parser.add_argument("--csv", required=True, dest="csv_path", help="the CSV file")

    def handle(self, *args, period: int, csv_path: str, **options):
        survey_period = SurveyPeriod.objects.select_related("office").filter(pk=period).first()
        if survey_period is None:
            raise CommandError(_("There is no survey period with id %(id)s.") % {"id": period})
        try:
            header, rows = read_csv_file(csv_path)
            count = responses_import(actor=None, period=survey_period, header=header, rows=rows)
        except IkmInputError as exc:
            raise CommandError(
                _("Nothing was stored. %(problem)s") % {"problem": exc.message}
            ) from None
        self.stdout.write(
            _("Stored %(count)s paper questionnaire(s) in %(period)s.")
            % {"count": count, "period": survey_period.name}
        )
