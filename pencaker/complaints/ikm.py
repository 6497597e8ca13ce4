"""Complaint figures beside the IKM element U8 (complaint handling) on the staff survey
results page (registered with ``surveys.companions`` in ``AppConfig.ready``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from pencaker.complaints.selectors import public_stats
from pencaker.surveys.companions import Companion

ELEMENT_CODE = "U8"


def complaint_companions(office: Any, start: dt.date, end: dt.date) -> list[Companion]:
    stats = public_stats(office=office, start=start, end=end)
    received = sum(m.received for m in stats.months)
    if not received:
        # A period without complaints shows no block (nothing to set beside U8).
        return []
    answered = sum(m.answered for m in stats.months)
    on_time = sum(m.answered_on_time for m in stats.months)
    ratings = [(m.average_rating, m.ratings) for m in stats.months if m.ratings]
    count = sum(n for _avg, n in ratings)
    average = round(sum(avg * n for avg, n in ratings) / count, 2) if count else None
    lines = [
        _("Complaints received: %(n)s") % {"n": received},
        _("Answered: %(n)s, of which within the deadline: %(on_time)s")
        % {"n": answered, "on_time": on_time},
    ]
    if average is not None:
        lines.append(_("Average rating of the answers: %(avg)s of 4") % {"avg": average})
    return [
        Companion(
            element_code=ELEMENT_CODE,
            title=_("Complaints in this period"),
            lines=lines,
            link_url="/pengaduan/staf/",
            link_label=_("Open the complaints"),
        )
    ]
