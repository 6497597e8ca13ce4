"""IPK over a generated event log of 24 months (2,000 job seekers)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Count

from bench.ipk.generate import generate_log
from bench.ipk.generator import generate
from pencaker.lifecycle.models import SeekerEvent
from pencaker.reporting import ipk, periods
from pencaker.reporting.summary import summary_refresh

END = dt.date(2025, 7, 1)  # generated months: 2023-07 … 2025-06, lead-in from 2022-07
MONTHS = [periods.month_start(END, months=-36 + i) for i in range(36)]


@pytest.fixture
def generated(office):
    for _progress in generate(office=office, seekers=2000, months=24, end_month=END, seed=7):
        pass
    return office


def month_of(day: dt.date) -> periods.Period:
    return periods.month(day.year, day.month)


def test_generator_writes_every_kind_with_realistic_shares(generated):
    kinds = dict(
        SeekerEvent.objects.filter(office=generated).values_list("kind").annotate(n=Count("pk"))
    )
    assert kinds["registered"] == 2000
    assert {"placed", "removed", "expired", "reported"} <= set(kinds)
    assert 0.15 < kinds["placed"] / 2000 < 0.45
    assert SeekerEvent.objects.filter(office=generated, occurred_on__gte=END).count() == 0
    assert set(
        SeekerEvent.objects.filter(office=generated).values_list("sex", flat=True).distinct()
    ) == {"M", "F"}


@pytest.mark.parametrize("form", [ipk.III_1, ipk.III_2])
@pytest.mark.parametrize("use_summary", [False, True])
def test_every_group_balances_and_carries_over_month_to_month(generated, form, use_summary):
    if use_summary:
        summary_refresh(office=generated, today=dt.date(2025, 5, 10))  # summary to 2025-04
    carried: dict[tuple[str, str], int] = {}
    for first_day in MONTHS:
        report = ipk.compute(
            office=generated,
            form=ipk.FORMS[form],
            period=month_of(first_day),
            use_summary=use_summary,
        )
        for row in report.rows:
            for sex in ipk.SEXES:
                c = row.by_sex(sex)
                assert c.left_end == c.left_before + c.registered - c.placed - c.removed
                assert c.left_end >= 0, (first_day, row.code, sex)
                assert c.left_before == carried.get((row.code, sex), 0), (first_day, row.code)
                carried[(row.code, sex)] = c.left_end
    assert sum(carried.values()) > 0


def test_summary_equals_counting_every_event(generated):
    summary_refresh(office=generated, today=END)
    for form in (ipk.III_1, ipk.III_2, ipk.III_8):
        for period in (periods.parse("2024-02"), periods.parse("2024-S2"), periods.parse("2025")):
            fast = ipk.compute(office=generated, form=ipk.FORMS[form], period=period)
            slow = ipk.compute(
                office=generated, form=ipk.FORMS[form], period=period, use_summary=False
            )
            assert fast.rows == slow.rows
            assert fast.sources == ("summary",) or period.end > END


def test_last_month_is_unchanged_after_this_months_events(generated, holder_factory):
    june = periods.parse("2025-06")
    before = {
        f: ipk.compute(office=generated, form=ipk.FORMS[f], period=june).as_dict()
        for f in ipk.FORMS
    }
    # July: new registrations, and holders registered earlier are placed or removed with
    # attributes that differ from their registration (a birthday, a new diploma).
    open_holders = list(
        SeekerEvent.objects.filter(office=generated, kind="registered").values_list(
            "holder_id", flat=True
        )[:30]
    )
    for i, holder_id in enumerate(open_holders):
        SeekerEvent.objects.create(
            office=generated,
            holder_id=holder_id,
            kind="placed" if i % 2 else "removed",
            occurred_on=dt.date(2025, 7, 1 + i % 28),
            sex="F",
            age_group="55+",
            education_level="S3",
            placement_area="AKAN" if i % 2 else "",
        )
    for _ in range(5):
        SeekerEvent.objects.create(
            office=generated,
            holder=holder_factory(),
            kind="registered",
            occurred_on=dt.date(2025, 7, 3),
            sex="M",
            age_group="20-29",
            education_level="SMA",
        )
    for f in ipk.FORMS:
        assert ipk.compute(office=generated, form=ipk.FORMS[f], period=june).as_dict() == before[f]
    july = ipk.compute(office=generated, form=ipk.FORMS[ipk.III_1], period=month_of(END))
    assert july.total.total.registered == 5
    assert july.total.total.b == 30


def test_late_event_dated_in_a_summarised_month_does_not_change_it(generated, holder_factory):
    summary_refresh(office=generated, today=dt.date(2025, 5, 10))  # up to April 2025
    april = periods.parse("2025-04")
    before = ipk.compute(office=generated, form=ipk.FORMS[ipk.III_1], period=april)
    SeekerEvent.objects.create(
        office=generated,
        holder=holder_factory(),
        kind="registered",
        occurred_on=dt.date(2025, 4, 15),
        sex="F",
        age_group="30-44",
        education_level="S1",
    )
    assert ipk.compute(office=generated, form=ipk.FORMS[ipk.III_1], period=april) == before
    summary_refresh(office=generated, today=dt.date(2025, 6, 2))  # closes May
    assert ipk.compute(office=generated, form=ipk.FORMS[ipk.III_1], period=april) == before
    may = ipk.compute(office=generated, form=ipk.FORMS[ipk.III_1], period=periods.parse("2025-05"))
    may_events = ipk.compute(
        office=generated,
        form=ipk.FORMS[ipk.III_1],
        period=periods.parse("2025-05"),
        use_summary=False,
    )
    # The late registration is counted in May (the first month summarised after it).
    assert may.total.female.registered == may_events.total.female.registered + 1


def test_generate_command_creates_the_office_and_summarises(db, capsys):
    generate_log(seekers=300, months=6, office="99.01", create_office=True, end="2025-06")
    out = capsys.readouterr().out
    assert "generated seekers=300" in out
    assert "summarised months=" in out
    assert SeekerEvent.objects.filter(office__code="99.01", kind="registered").count() == 300
