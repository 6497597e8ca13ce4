"""The counter's figures beside the facilities element (U9) of the staff survey results.

Counter and surveys are siblings in the layers (neither imports the other), so reporting,
which sits above both and reads both, wires the counter's figures into the survey's
results page (ADR 0021).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from pencaker.counter.selectors import figures_for_period
from pencaker.surveys.companions import Companion

FACILITIES_ELEMENT = "U9"


def counter_companion(office: Any, start: dt.date, end: dt.date) -> Iterable[Companion]:
    figures = figures_for_period(office, start, end)
    if not figures.issued:
        return []
    lines = [
        _("%(issued)s numbers on %(days)s days; %(served)s served, %(no_shows)s did not come.")
        % {
            "issued": figures.issued,
            "days": figures.days,
            "served": figures.served,
            "no_shows": figures.no_shows,
        }
    ]
    if figures.median_wait_minutes is not None:
        lines.append(
            _("Median waiting time at the counter: %(minutes)s minutes.")
            % {"minutes": figures.median_wait_minutes}
        )
    return [
        Companion(
            element_code=FACILITIES_ELEMENT,
            title=_("Counter queue"),
            lines=lines,
            link_url=reverse("counter:figures"),
            link_label=_("Counter figures per day"),
        )
    ]
