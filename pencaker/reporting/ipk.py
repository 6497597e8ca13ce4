"""IPK (Informasi Pasar Kerja) monthly statistics of job seekers, computed from events.

Forms (Kepmenakertrans 2005 layout, as offices submit them):

* **III/1** job seekers by age group (15–19, 20–29, 30–44, 45–54, 55+) × sex;
* **III/2** the same columns by education level × sex;
* **III/8** placements by AKL / AKAD / AKAN (same regency, another region, abroad) × sex.

Columns of III/1 and III/2 for a period [start, end):

    (1) left from last period = registered before start − ended before start
    (2) registered in the period          A = (1) + (2)
    (3) placed in the period
    (4) removed (dihapuskan) in the period: removals and expired cards
                                          B = (3) + (4)
    (5) left at the end of the period     = A − B

"Ended" is placed + removed + expired (``lifecycle.choices.ENDING_KINDS``). Reports and
renewals do not change the counts. Everything is counted from ``lifecycle.SeekerEvent``
rows (append-only, attributes frozen at the event) with one GROUP BY query and conditional
aggregation, never from the current state of cards or profiles: a past month does not
change when a profile or a card changes later. An ending event is counted in the age group
and education level of the registration it ends (the holder's latest ``registered`` event
before it), so a holder who registered at 19 and is placed at 20 leaves the 15–19 row they
were counted in, and every row balances. Closed
months are read from the summary table ``IpkMonthlyCount`` (see ``summary``), the months
after it from the events, and the two parts are added. See docs/adr/0010-ipk-from-events.md.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import connection, transaction
from django.db.models import Case, Count, F, OuterRef, Q, Subquery, Sum, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pencaker.lifecycle.choices import ENDING_KINDS, AgeGroup, EventKind, PlacementArea
from pencaker.offices.models import Office
from pencaker.reporting.models import IpkMonthlyCount, IpkSummaryState
from pencaker.reporting.periods import Period
from pencaker.seekers.choices import EducationLevel

III_1 = "III/1"
III_2 = "III/2"
III_8 = "III/8"
III_3 = "III/3"  # vacancies by education level × sex
III_4 = "III/4"  # vacancies by occupation group (KBJI major group) × sex
III_7 = "III/7"  # placements through vacancies by sector (KBLI section) × sex
SEXES = ("M", "F")
REMOVED_KINDS = frozenset({EventKind.REMOVED, EventKind.EXPIRED})
COUNTED_KINDS = frozenset({EventKind.REGISTERED}) | ENDING_KINDS


@dataclass(frozen=True)
class FormSpec:
    code: str
    slug: str
    title: object  # lazy translated
    group_title: object
    group_field: str
    placements_only: bool = False
    #: "seekers" (lifecycle.SeekerEvent) or "vacancies" (vacancies.VacancyEvent)
    source: str = "seekers"

    @property
    def columns(self):
        return VACANCY_COLUMNS if self.source == "vacancies" else COLUMNS

    @property
    def has_either(self) -> bool:
        """Vacancy forms have a third sex column: vacancies open to men and women."""
        return self.source == "vacancies" and not self.placements_only

    def groups(self) -> list[tuple[str, str]]:
        if self.source == "vacancies":
            from pencaker.reporting import ipk_vacancies

            return ipk_vacancies.groups(self)
        if self.code == III_1:
            return [(str(v), str(label)) for v, label in AgeGroup.choices]
        if self.code == III_2:
            return [(str(v), str(label)) for v, label in EducationLevel.choices]
        return [(str(v), str(label)) for v, label in PlacementArea.choices]


FORMS: dict[str, FormSpec] = {
    III_1: FormSpec(
        III_1,
        "iii-1",
        gettext_lazy("IPK III/1: job seekers by age group and sex"),
        gettext_lazy("Age group"),
        "age_group",
    ),
    III_2: FormSpec(
        III_2,
        "iii-2",
        gettext_lazy("IPK III/2: job seekers by education level and sex"),
        gettext_lazy("Education"),
        "education_level",
    ),
    III_8: FormSpec(
        III_8,
        "iii-8",
        gettext_lazy("IPK III/8: placements by area (AKL, AKAD, AKAN) and sex"),
        gettext_lazy("Placement area"),
        "placement_area",
        placements_only=True,
    ),
    III_3: FormSpec(
        III_3,
        "iii-3",
        gettext_lazy("IPK III/3: vacancies by education level and sex"),
        gettext_lazy("Minimum education"),
        "education_level",
        source="vacancies",
    ),
    III_4: FormSpec(
        III_4,
        "iii-4",
        gettext_lazy("IPK III/4: vacancies by occupation group (KBJI) and sex"),
        gettext_lazy("Occupation group (KBJI)"),
        "occupation_group",
        source="vacancies",
    ),
    III_7: FormSpec(
        III_7,
        "iii-7",
        gettext_lazy("IPK III/7: placements through vacancies by sector (KBLI) and sex"),
        gettext_lazy("Sector (KBLI section)"),
        "sector_section",
        placements_only=True,
        source="vacancies",
    ),
}


def form_by_code(code: str) -> FormSpec | None:
    """``III/1``, ``iii-1``, ``III_1`` or ``1`` → the form, or None."""
    key = (code or "").strip().upper().replace("-", "/").replace("_", "/")
    if not key.startswith("III/"):
        key = f"III/{key}"
    return FORMS.get(key)


@dataclass(frozen=True)
class Cells:
    """The numbered columns for one group and one sex (or a total)."""

    left_before: int = 0  # (1)
    registered: int = 0  # (2)
    placed: int = 0  # (3)
    removed: int = 0  # (4)

    @property
    def a(self) -> int:
        return self.left_before + self.registered

    @property
    def b(self) -> int:
        return self.placed + self.removed

    @property
    def left_end(self) -> int:  # (5)
        return self.a - self.b

    def __add__(self, other: Cells) -> Cells:
        return Cells(
            self.left_before + other.left_before,
            self.registered + other.registered,
            self.placed + other.placed,
            self.removed + other.removed,
        )

    def as_dict(self) -> dict[str, int]:
        return {
            "1_left_from_last_period": self.left_before,
            "2_registered": self.registered,
            "A": self.a,
            "3_placed": self.placed,
            "4_removed": self.removed,
            "B": self.b,
            "5_left_at_end": self.left_end,
        }


# (attribute, number shown in the header, header text) in the order of the form.
COLUMNS = (
    ("left_before", "(1)", gettext_lazy("Left from last period")),
    ("registered", "(2)", gettext_lazy("Registered")),
    ("a", "A", gettext_lazy("Total A = 1+2")),
    ("placed", "(3)", gettext_lazy("Placed")),
    ("removed", "(4)", gettext_lazy("Removed")),
    ("b", "B", gettext_lazy("Total B = 3+4")),
    ("left_end", "(5)", gettext_lazy("Left at the end = A−B")),
)

# The vacancy forms: the same arithmetic on positions (openings).
VACANCY_COLUMNS = (
    ("left_before", "(1)", gettext_lazy("Vacancies left from last month")),
    ("registered", "(2)", gettext_lazy("Vacancies registered")),
    ("a", "A", gettext_lazy("Total A = 1+2")),
    ("placed", "(3)", gettext_lazy("Vacancies filled")),
    ("removed", "(4)", gettext_lazy("Vacancies removed")),
    ("b", "B", gettext_lazy("Total B = 3+4")),
    ("left_end", "(5)", gettext_lazy("Vacancies left at the end = A−B")),
)


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    male: Cells
    female: Cells
    #: Vacancy forms only: positions open to men and women ("L/P").
    either: Cells = Cells()

    @property
    def total(self) -> Cells:
        return self.male + self.female + self.either

    def by_sex(self, sex: str) -> Cells:
        if sex == "":
            return self.either
        return self.male if sex == "M" else self.female


@dataclass(frozen=True)
class IpkReport:
    form: FormSpec
    office: Office
    period: Period
    rows: tuple[Row, ...]
    sources: tuple[str, ...] = field(default=())  # "summary", "events": where figures came from

    @property
    def total(self) -> Row:
        male, female, either = Cells(), Cells(), Cells()
        for row in self.rows:
            male, female, either = male + row.male, female + row.female, either + row.either
        return Row("total", _("Total"), male, female, either)

    @property
    def columns(self):
        return self.form.columns

    def as_dict(self) -> dict:
        def cells(c: Cells) -> dict[str, int]:
            return {"placed": c.placed} if self.form.placements_only else c.as_dict()

        return {
            "form": self.form.code,
            "title": str(self.form.title),
            "office": {"code": self.office.code, "name": self.office.name},
            "period": {
                "code": self.period.code,
                "kind": self.period.kind,
                "start": self.period.start.isoformat(),
                "end": self.period.last_day.isoformat(),
            },
            "rows": [
                {
                    "group": row.code,
                    "label": row.label,
                    "M": cells(row.male),
                    "F": cells(row.female),
                    **({"either": cells(row.either)} if self.form.has_either else {}),
                    "total": cells(row.total),
                }
                for row in (*self.rows, self.total)
            ],
        }


def _event_model():
    return apps.get_model("lifecycle", "SeekerEvent")


def _aggregates(count, kind_field: str, date_field: str, period: Period, placements_only: bool):
    """Conditional aggregates over one table: ``count`` is Count or Sum("count")."""
    start, end = period.start, period.end
    in_period = Q(**{f"{date_field}__gte": start, f"{date_field}__lt": end})
    placed = count(filter=Q(**{kind_field: EventKind.PLACED}) & in_period)
    if placements_only:
        return {"placed": placed}
    before = Q(**{f"{date_field}__lt": start})
    return {
        "before_registered": count(filter=Q(**{kind_field: EventKind.REGISTERED}) & before),
        "before_ended": count(filter=Q(**{f"{kind_field}__in": ENDING_KINDS}) & before),
        "registered": count(filter=Q(**{kind_field: EventKind.REGISTERED}) & in_period),
        "placed": placed,
        "removed": count(filter=Q(**{f"{kind_field}__in": REMOVED_KINDS}) & in_period),
    }


def _add_rows(totals: dict, rows: Iterable[dict], group_field: str) -> None:
    for row in rows:
        key = (row[group_field] or "", row["sex"])
        bucket = totals[key]
        for name, value in row.items():
            if name not in (group_field, "sex"):
                bucket[name] += value or 0


def with_registration_groups(events, fields: Iterable[str]):
    """Annotate ``r_<field>`` for each field: an ending event's value is the one of the
    registration it ends (the holder's latest earlier ``registered`` event), any other
    event's is its own. Age group and education are frozen at each event and may have
    changed between registration and the end; sex and placement area are taken as is."""
    model = _event_model()
    annotations: dict[str, Any] = {}
    for name in fields:
        if name not in ("age_group", "education_level"):
            annotations[f"r_{name}"] = F(name)
            continue
        registration = (
            model.objects.filter(holder=OuterRef("holder"), kind=EventKind.REGISTERED)
            .filter(
                Q(occurred_on__lt=OuterRef("occurred_on"))
                | Q(occurred_on=OuterRef("occurred_on"), pk__lt=OuterRef("pk"))
            )
            .order_by("-occurred_on", "-pk")
            .values(name)[:1]
        )
        annotations[f"r_{name}"] = Case(
            When(kind__in=ENDING_KINDS, then=Coalesce(Subquery(registration), F(name))),
            default=F(name),
        )
    return events.annotate(**annotations)


@contextmanager
def without_jit():
    """PostgreSQL's JIT compiler prices the correlated subquery high and then spends more
    time compiling (0.6 s measured at 1M job seekers) than the query takes to run; the
    statement is short and index-driven, so it is switched off for it."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield


def frozen_until(office) -> dt.date | None:
    state = IpkSummaryState.objects.filter(office=office).values_list("frozen_until", flat=True)
    return next(iter(state), None)


def group_counts(
    *, office, form: FormSpec, period: Period, frozen: dt.date | None
) -> tuple[dict[tuple[str, str], dict[str, int]], tuple[str, ...]]:
    """Counts per (group, sex): months before ``frozen`` from the summary, the rest from
    the events. Two GROUP BY queries at most, whatever the period."""
    totals: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    gf = form.group_field
    lower = period.start if form.placements_only else None
    sources = []
    if frozen is not None:
        summary = IpkMonthlyCount.objects.filter(office=office, month__lt=min(frozen, period.end))
        summary = summary.filter(
            kind__in=[EventKind.PLACED] if form.placements_only else COUNTED_KINDS
        )
        if lower is not None:
            summary = summary.filter(month__gte=lower)
        rows = (
            summary.values(gf, "sex")
            .annotate(
                **_aggregates(
                    lambda **kw: Sum("count", **kw), "kind", "month", period, form.placements_only
                )
            )
            .order_by()
        )
        _add_rows(totals, rows, gf)
        sources.append("summary")
    if frozen is None or frozen < period.end:
        events = _event_model().objects.filter(office=office, occurred_on__lt=period.end)
        events = events.filter(
            kind__in=[EventKind.PLACED] if form.placements_only else COUNTED_KINDS
        )
        if frozen is not None:
            events = events.filter(occurred_on__gte=frozen)
        if lower is not None:
            events = events.filter(occurred_on__gte=lower)
        aggregates = _aggregates(
            lambda **kw: Count("pk", **kw), "kind", "occurred_on", period, form.placements_only
        )
        with without_jit():
            rows = list(
                with_registration_groups(events, [gf])
                .values(f"r_{gf}", "sex")
                .annotate(**aggregates)
                .order_by()
            )
        _add_rows(totals, ({gf: r.pop(f"r_{gf}"), **r} for r in rows), gf)
        sources.append("events")
    return totals, tuple(sources)


def _cells(counts: dict[str, int] | None) -> Cells:
    if not counts:
        return Cells()
    return Cells(
        left_before=counts.get("before_registered", 0) - counts.get("before_ended", 0),
        registered=counts.get("registered", 0),
        placed=counts.get("placed", 0),
        removed=counts.get("removed", 0),
    )


def compute(*, office, form: FormSpec, period: Period, use_summary: bool = True) -> IpkReport:
    """The report of ``form`` for ``office`` and ``period``.

    ``use_summary=False`` counts everything from the events (what the summary must equal
    for months summarised with no late events)."""
    if form.source == "vacancies":
        from pencaker.reporting import ipk_vacancies

        return ipk_vacancies.compute(office=office, form=form, period=period)
    frozen = frozen_until(office) if use_summary else None
    counts, sources = group_counts(office=office, form=form, period=period, frozen=frozen)
    groups = form.groups()
    known = {code for code, _label in groups}
    extra = sorted({g for g, _sex in counts if g not in known})
    not_stated = _("Not stated")
    rows = []
    for code, label in [*groups, *((g, g or not_stated) for g in extra)]:
        male, female = _cells(counts.get((code, "M"))), _cells(counts.get((code, "F")))
        if code in known or male != Cells() or female != Cells():
            rows.append(Row(code, label, male, female))
    return IpkReport(form=form, office=office, period=period, rows=tuple(rows), sources=sources)
