"""IPK for March 2025 of one office, computed by hand.

Job seekers (s1…s10), their events and what each means for March 2025:

    s1  M 20–29 SMA  registered 2025-01-10, reported 2025-03-12     → (1) 20–29 M
    s2  F 15–19 SMK  registered 2024-12-05, placed 2025-02-20 (AKL) → ended before March
    s3  F 30–44 S1   registered 2025-02-01, renewed 2025-03-20      → (1) 30–44 F
    s4  M 15–19 SMA  registered 2025-02-14 aged 19; placed 2025-03-10 aged 20 (AKAD), the
                     placement event says 20–29 and D1 (profile updated) but counts in the
                     registration's 15–19 / SMA row                 → (1) and (3) 15–19 M
    s5  M 45–54 SD   registered 2024-06-01, expired 2025-03-31      → (1) and (4) 45–54 M
    s6  F 20–29 D3   registered 2025-03-03                          → (2) 20–29 F
    s7  F 20–29 S1   registered 2025-03-15, removed 2025-03-28      → (2) and (4) 20–29 F
    s8  M 55+   SD   registered 2025-03-31 (last day of March)      → (2) 55+ M
    s9  M 30–44 SMA  registered 2025-04-01                          → not in March
    s10 F 20–29 SMA  registered 2025-03-05 at ANOTHER office        → not in this report

III/1, March 2025 ((1), (2), A, (3), (4), B, (5)):

    15–19  M  1 0 1 1 0 1 0     F  0 0 0 0 0 0 0
    20–29  M  1 0 1 0 0 0 1     F  0 2 2 0 1 1 1
    30–44  M  0 0 0 0 0 0 0     F  1 0 1 0 0 0 1
    45–54  M  1 0 1 0 1 1 0     F  0 0 0 0 0 0 0
    55+    M  0 1 1 0 0 0 1     F  0 0 0 0 0 0 0
    Total  M  3 1 4 1 1 2 2     F  1 2 3 0 1 1 2
"""

from __future__ import annotations

import datetime as dt

import pytest

from pencaker.reporting import ipk, periods
from pencaker.reporting.summary import summary_refresh

MARCH = periods.parse("2025-03")

III_1_MARCH = {
    "15-19": {"M": (1, 0, 1, 1, 0, 1, 0), "F": (0, 0, 0, 0, 0, 0, 0)},
    "20-29": {"M": (1, 0, 1, 0, 0, 0, 1), "F": (0, 2, 2, 0, 1, 1, 1)},
    "30-44": {"M": (0, 0, 0, 0, 0, 0, 0), "F": (1, 0, 1, 0, 0, 0, 1)},
    "45-54": {"M": (1, 0, 1, 0, 1, 1, 0), "F": (0, 0, 0, 0, 0, 0, 0)},
    "55+": {"M": (0, 1, 1, 0, 0, 0, 1), "F": (0, 0, 0, 0, 0, 0, 0)},
    "total": {"M": (3, 1, 4, 1, 1, 2, 2), "F": (1, 2, 3, 0, 1, 1, 2)},
}

# III/2: s1 and s4 SMA M; s5 and s8 SD M; s3 and s7 S1 F; s6 D3 F.
III_2_MARCH = {
    "SD": {"M": (1, 1, 2, 0, 1, 1, 1), "F": (0, 0, 0, 0, 0, 0, 0)},
    "SMA": {"M": (2, 0, 2, 1, 0, 1, 1), "F": (0, 0, 0, 0, 0, 0, 0)},
    "D3": {"M": (0, 0, 0, 0, 0, 0, 0), "F": (0, 1, 1, 0, 0, 0, 1)},
    "S1": {"M": (0, 0, 0, 0, 0, 0, 0), "F": (1, 1, 2, 0, 1, 1, 1)},
    "total": {"M": (3, 1, 4, 1, 1, 2, 2), "F": (1, 2, 3, 0, 1, 1, 2)},
}


def cells(c: ipk.Cells) -> tuple[int, ...]:
    return (c.left_before, c.registered, c.a, c.placed, c.removed, c.b, c.left_end)


def table(report: ipk.IpkReport) -> dict[str, dict[str, tuple[int, ...]]]:
    return {
        row.code: {"M": cells(row.male), "F": cells(row.female)}
        for row in (*report.rows, report.total)
    }


@pytest.fixture
def march(office, other_office, holder_factory, event_factory):
    e = event_factory
    s = [None] + [holder_factory() for _ in range(10)]
    e(office, s[1], "registered", "2025-01-10", sex="M", age_group="20-29", education="SMA")
    e(office, s[1], "reported", "2025-03-12", sex="M", age_group="20-29", education="SMA")
    e(office, s[2], "registered", "2024-12-05", sex="F", age_group="15-19", education="SMK")
    e(office, s[2], "placed", "2025-02-20", sex="F", age_group="15-19", education="SMK", area="AKL")
    e(office, s[3], "registered", "2025-02-01", sex="F", age_group="30-44", education="S1")
    e(office, s[3], "renewed", "2025-03-20", sex="F", age_group="30-44", education="S1")
    e(office, s[4], "registered", "2025-02-14", sex="M", age_group="15-19", education="SMA")
    e(office, s[4], "placed", "2025-03-10", sex="M", age_group="20-29", education="D1", area="AKAD")
    e(office, s[5], "registered", "2024-06-01", sex="M", age_group="45-54", education="SD")
    e(office, s[5], "expired", "2025-03-31", sex="M", age_group="45-54", education="SD")
    e(office, s[6], "registered", "2025-03-03", sex="F", age_group="20-29", education="D3")
    e(office, s[7], "registered", "2025-03-15", sex="F", age_group="20-29", education="S1")
    e(office, s[7], "removed", "2025-03-28", sex="F", age_group="20-29", education="S1")
    e(office, s[8], "registered", "2025-03-31", sex="M", age_group="55+", education="SD")
    e(office, s[9], "registered", "2025-04-01", sex="M", age_group="30-44", education="SMA")
    e(other_office, s[10], "registered", "2025-03-05", sex="F", age_group="20-29")
    return office


def test_iii_1_of_a_hand_computed_month_matches_cell_by_cell(march):
    report = ipk.compute(office=march, form=ipk.FORMS[ipk.III_1], period=MARCH)
    assert table(report) == III_1_MARCH
    assert report.sources == ("events",)


def test_iii_2_of_the_same_month_matches_cell_by_cell(march):
    report = ipk.compute(office=march, form=ipk.FORMS[ipk.III_2], period=MARCH)
    got = {code: row for code, row in table(report).items() if code in III_2_MARCH}
    assert got == III_2_MARCH
    others = [code for code, row in table(report).items() if code not in III_2_MARCH]
    assert all(table(report)[code] == {"M": (0,) * 7, "F": (0,) * 7} for code in others)


def test_iii_8_counts_the_placements_of_the_period_by_area_and_sex(march):
    report = ipk.compute(office=march, form=ipk.FORMS[ipk.III_8], period=MARCH)
    placed = {row.code: (row.male.placed, row.female.placed) for row in report.rows}
    assert placed == {"AKL": (0, 0), "AKAD": (1, 0), "AKAN": (0, 0)}
    quarter = periods.parse("2025-S1")
    report = ipk.compute(office=march, form=ipk.FORMS[ipk.III_8], period=quarter)
    assert {row.code: (row.male.placed, row.female.placed) for row in report.rows}["AKL"] == (
        0,
        1,
    )


@pytest.mark.parametrize("today", ["2025-03-20", "2025-04-02", "2026-01-15"])
def test_summary_of_closed_months_gives_the_same_cells(march, today):
    summary_refresh(office=march, today=dt.date.fromisoformat(today))
    for form, expected in ((ipk.III_1, III_1_MARCH), (ipk.III_2, III_2_MARCH)):
        report = ipk.compute(office=march, form=ipk.FORMS[form], period=MARCH)
        got = {code: row for code, row in table(report).items() if code in expected}
        assert got == expected
    assert "summary" in report.sources


def test_semester_and_year_start_from_what_was_left_before_them(march):
    first_half = ipk.compute(
        office=march, form=ipk.FORMS[ipk.III_1], period=periods.parse("2025-S1")
    )
    # Before 2025: s2 (15-19 F) and s5 (45-54 M) were registered and still open.
    assert first_half.total.total.left_before == 2
    # 2025 January–June: s1, s3, s4, s6, s7, s8, s9 registered; s2, s4 placed; s5, s7 removed.
    assert cells(first_half.total.total) == (2, 7, 9, 2, 2, 4, 5)
    year = ipk.compute(office=march, form=ipk.FORMS[ipk.III_1], period=periods.parse("2025"))
    assert cells(year.total.total) == cells(first_half.total.total)
