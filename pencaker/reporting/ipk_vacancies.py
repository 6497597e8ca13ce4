"""The vacancy forms of the IPK, counted from ``vacancies.VacancyEvent`` (positions).

* **III/3** vacancies by minimum education × sex asked for (L, P, L/P);
* **III/4** vacancies by occupation group (KBJI 2014 major group) × sex;
* **III/7** placements through vacancies by sector (KBLI 2020 section) × sex of the person
  hired.

Columns of III/3 and III/4 for a period [start, end), in positions (openings):

    (1) left from last month = registered before start − filled and removed before start
    (2) registered in the period          A = (1) + (2)
    (3) filled in the period
    (4) removed (dihapuskan): withdrawn or expired with openings left    B = (3) + (4)
    (5) left at the end                   = A − B

One GROUP BY with conditional aggregation. The vacancy events are dated on the day they
were applied and carry the groups frozen at registration, so a closed month never changes;
see docs/adr/0023-events-and-ipk-vacancies.md for the layout decisions.
"""

from __future__ import annotations

from collections import defaultdict

from django.apps import apps
from django.db.models import Q, Sum
from django.db.models.functions import Length
from django.utils.translation import gettext as _

from pencaker.reporting.ipk import Cells, FormSpec, IpkReport, Row
from pencaker.reporting.periods import Period
from pencaker.seekers.choices import EducationLevel

REGISTERED, FILLED, REMOVED = "registered", "filled", "removed"


def _events():
    return apps.get_model("vacancies", "VacancyEvent").objects


def groups(form: FormSpec) -> list[tuple[str, str]]:
    if form.group_field == "education_level":
        return [(str(v), str(label)) for v, label in EducationLevel.choices]
    label = "vacancies.KbjiOccupation" if form.group_field == "occupation_group" else None
    model = apps.get_model(label or "employers.KbliSector")
    # Major groups (KBJI, one digit) and sections (KBLI, one letter) have one-character codes.
    rows = (
        model._default_manager.annotate(n=Length("code"))
        .filter(n=1)
        .order_by("code")
        .values_list("code", "title")
    )
    return [(str(code), f"{code}. {title}") for code, title in rows]


def group_counts(*, office, form: FormSpec, period: Period) -> dict[tuple[str, str], dict]:
    start, end = period.start, period.end
    in_period = Q(occurred_on__gte=start, occurred_on__lt=end)
    events = _events().filter(office=office, occurred_on__lt=end)
    totals: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    gf = form.group_field
    if form.placements_only:
        rows = (
            events.filter(in_period, kind=FILLED)
            .exclude(placed_sex="")
            .values(gf, "placed_sex")
            .annotate(placed=Sum("positions"))
            .order_by()
        )
        for row in rows:
            totals[(row[gf] or "", row["placed_sex"])]["placed"] += row["placed"] or 0
        return totals
    before = Q(occurred_on__lt=start)
    rows = (
        events.values(gf, "sex")
        .annotate(
            before_registered=Sum("positions", filter=Q(kind=REGISTERED) & before),
            before_ended=Sum("positions", filter=Q(kind__in=[FILLED, REMOVED]) & before),
            registered=Sum("positions", filter=Q(kind=REGISTERED) & in_period),
            placed=Sum("positions", filter=Q(kind=FILLED) & in_period),
            removed=Sum("positions", filter=Q(kind=REMOVED) & in_period),
        )
        .order_by()
    )
    for row in rows:
        bucket = totals[(row[gf] or "", row["sex"] or "")]
        for name in ("before_registered", "before_ended", "registered", "placed", "removed"):
            bucket[name] += row[name] or 0
    return totals


def _cells(counts) -> Cells:
    if not counts:
        return Cells()
    return Cells(
        left_before=counts.get("before_registered", 0) - counts.get("before_ended", 0),
        registered=counts.get("registered", 0),
        placed=counts.get("placed", 0),
        removed=counts.get("removed", 0),
    )


def compute(*, office, form: FormSpec, period: Period) -> IpkReport:
    counts = group_counts(office=office, form=form, period=period)
    known_groups = groups(form)
    known = {code for code, _label in known_groups}
    extra = sorted({g for g, _sex in counts if g not in known})
    not_stated = (
        _("No minimum education") if form.group_field == "education_level" else _("Not stated")
    )
    rows = []
    for code, label in [*known_groups, *((g, g or not_stated) for g in extra)]:
        male = _cells(counts.get((code, "M")))
        female = _cells(counts.get((code, "F")))
        either = _cells(counts.get((code, "")))
        if code in known or (male, female, either) != (Cells(), Cells(), Cells()):
            rows.append(Row(code, label, male, female, either))
    return IpkReport(form=form, office=office, period=period, rows=tuple(rows), sources=("events",))
