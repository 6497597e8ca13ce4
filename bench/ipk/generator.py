"""A realistic synthetic event log for benchmarks and tests (`bench/ipk/generate.py`).

Writes job-seeker accounts (no password, e-mail ``ipkgen-…@example.invalid``) and their
``lifecycle.SeekerEvent`` rows straight into the tables, bypassing the services: it is a
tool for development and benchmarks, never for a production database (the script refuses
there). PostgreSQL gets COPY, SQLite ``executemany``.

Distributions (roughly what the field studies of Dinas offices report):
registrations spread over the months with a peak after graduation (June–August); 52% men;
age at registration 15–19 18%, 20–29 55%, 30–44 20%, 45–54 5%, 55+ 2%; education
SMA/SMK/S1 dominant; 30% of the holders still seeking report at each 6-month point; 35%
are placed (AKL 70%, AKAD 22%, AKAN 8%) after a few months; of the others who miss a
report, 60% are removed 90 days after it was due; cards still open expire after 2 years.
Age groups and education are frozen at each event as the lifecycle app does, so a holder
who has a birthday or a new diploma carries different values on later events.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from django.db import connection, transaction
from django.utils import timezone

from pencaker.lifecycle.choices import EventKind
from pencaker.lifecycle.events import age_group
from pencaker.reporting.periods import month_start

SEASON = {1: 1.0, 2: 0.9, 3: 0.9, 4: 0.9, 5: 1.0, 6: 1.3, 7: 1.6, 8: 1.4, 9: 1.1, 10: 1.0}
SEASON.update({11: 0.9, 12: 0.7})
AGES: list[tuple[tuple[int, int], float]] = [
    ((15, 19), 18),
    ((20, 29), 55),
    ((30, 44), 20),
    ((45, 54), 5),
    ((55, 64), 2),
]
EDUCATION: list[tuple[str, float]] = [
    ("SD", 8),
    ("SMP", 12),
    ("SMA", 28),
    ("SMK", 22),
    ("D1", 1),
    ("D2", 1),
    ("D3", 6),
    ("D4", 2),
    ("S1", 18),
    ("S2", 1.8),
    ("S3", 0.2),
]
AREAS: list[tuple[str, float]] = [("AKL", 70), ("AKAD", 22), ("AKAN", 8)]
REPORT_RATE = 0.30
PLACED_RATE = 0.35
REMOVED_RATE = 0.60
CHUNK = 20_000
LEAD_IN_MONTHS = 12
EVENT_COLUMNS = (
    "office_id",
    "card_id",
    "holder_id",
    "kind",
    "occurred_on",
    "sex",
    "birth_date",
    "age_group",
    "education_level",
    "placement_area",
    "note",
    "created_at",
)


@dataclass(frozen=True)
class GenerateResult:
    seekers: int
    events: int
    first_day: dt.date
    end_day: dt.date  # exclusive


T = TypeVar("T")


def _pick(rng: random.Random, weighted: Sequence[tuple[T, float]]) -> T:
    values = [value for value, _weight in weighted]
    return rng.choices(values, weights=[weight for _value, weight in weighted])[0]


def _days(start: dt.date, end: dt.date) -> int:
    return (end - start).days


def seeker_events(
    rng: random.Random, start: dt.date, end: dt.date, month_weights: list[tuple[dt.date, float]]
) -> list[tuple]:
    """One job seeker's events: (kind, day, sex, birth_date, age_group, education, area)."""
    month = _pick(rng, month_weights)
    month_end = min(month_start(month, months=1), end)
    registered = month + dt.timedelta(days=rng.randrange(_days(month, month_end)))
    sex = "M" if rng.random() < 0.52 else "F"
    low, high = _pick(rng, AGES)
    age_days = rng.randint(low * 365 + 1, high * 365 + 364)
    birth = registered - dt.timedelta(days=age_days)
    education = _pick(rng, EDUCATION)
    out: list[tuple[EventKind, dt.date, str, str]] = [
        (EventKind.REGISTERED, registered, education, "")
    ]
    placed_on = None
    if rng.random() < PLACED_RATE:
        placed_on = registered + dt.timedelta(days=int(rng.expovariate(1 / 150)) + 7)
    for n in (1, 2, 3):
        due = registered + dt.timedelta(days=182 * n)
        if placed_on is not None and placed_on <= due + dt.timedelta(days=30):
            area = _pick(rng, AREAS)
            out.append((EventKind.PLACED, placed_on, education, area))
            break
        if rng.random() < REPORT_RATE:
            if rng.random() < 0.03:
                education = {"SMA": "D3", "SMK": "D3", "D3": "S1"}.get(education, education)
            out.append(
                (EventKind.REPORTED, due + dt.timedelta(days=rng.randint(-30, 30)), education, "")
            )
        elif rng.random() < REMOVED_RATE:
            out.append((EventKind.REMOVED, due + dt.timedelta(days=90), education, ""))
            break
    else:
        if placed_on is not None and placed_on < registered + dt.timedelta(days=730):
            out.append((EventKind.PLACED, placed_on, education, _pick(rng, AREAS)))
        else:
            out.append((EventKind.EXPIRED, registered + dt.timedelta(days=730), education, ""))
    return [
        (kind, day, sex, birth, age_group(birth, day), edu, area)
        for kind, day, edu, area in out
        if day < end
    ]


def _user_defaults() -> dict:
    from pencaker.accounts.models import User

    defaults = {}
    for f in User._meta.concrete_fields:
        if f.primary_key:
            continue
        defaults[f.column] = f.get_db_prep_save(f.get_default(), connection)
    return defaults


def _insert(table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(
                f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN"
            ) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            # Table and column names come from the models, never from input.
            sql = f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({marks})"  # noqa: S608
            cursor.executemany(sql, rows)


def _holders(tag: str, first: int, count: int) -> dict[int, int]:
    from pencaker.accounts.models import Role, User

    defaults = _user_defaults()
    defaults.update({"role": Role.JOB_SEEKER.value, "password": "!", "is_active": False})
    columns = tuple(defaults)
    rows = []
    for n in range(first, first + count):
        values = dict(defaults, email=f"ipkgen-{tag}-{n}@example.invalid")
        rows.append(tuple(values[c] for c in columns))
    _insert(User._meta.db_table, columns, rows)
    prefix = f"ipkgen-{tag}-"
    found = User.objects.filter(email__startswith=prefix).values_list("id", "email")
    ids = {}
    for pk, email in found.iterator(chunk_size=CHUNK):
        n = int(email[len(prefix) :].split("@", 1)[0])
        if first <= n < first + count:
            ids[n] = pk
    return ids


def generate(
    *, office, seekers: int, months: int, end_month: dt.date, seed: int = 2026
) -> Iterator[GenerateResult]:
    """Insert ``seekers`` job seekers with their events up to ``end_month`` (first day,
    exclusive). They registered in the ``months`` months before it or in the
    ``LEAD_IN_MONTHS`` before those (the opening stock). Yields progress per chunk."""
    from pencaker.lifecycle.models import SeekerEvent

    rng = random.Random(seed)
    start = month_start(end_month, months=-months)
    # A lead-in before the window gives the first month an opening stock and lets cards
    # registered before the window expire inside it.
    first = month_start(start, months=-LEAD_IN_MONTHS)
    span = months + LEAD_IN_MONTHS
    weights = [
        (month_start(first, months=i), SEASON[month_start(first, months=i).month])
        for i in range(span)
    ]
    tag = f"{office.code}-{seed}-{timezone.now():%Y%m%d%H%M%S%f}"
    now = timezone.now()
    done = events = 0
    while done < seekers:
        count = min(CHUNK, seekers - done)
        with transaction.atomic():
            ids = _holders(tag, done, count)
            rows = []
            for n in range(done, done + count):
                for kind, day, sex, birth, group, edu, area in seeker_events(
                    rng, first, end_month, weights
                ):
                    rows.append(
                        (
                            office.pk,
                            None,
                            ids[n],
                            kind.value,
                            day,
                            sex,
                            birth,
                            group,
                            edu,
                            area,
                            "",
                            now,
                        )
                    )
            _insert(SeekerEvent._meta.db_table, EVENT_COLUMNS, rows)
        done += count
        events += len(rows)
        yield GenerateResult(done, events, start, end_month)
