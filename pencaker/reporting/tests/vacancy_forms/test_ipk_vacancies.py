"""The vacancy forms of the IPK (III/3, III/4, III/7) from the vacancy register."""

from __future__ import annotations

import datetime as dt
import io
import json
import random

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from pencaker.reporting import ipk, periods, xlsx_export
from pencaker.vacancies import register
from pencaker.vacancies.models import Vacancy
from pencaker.vacancies.tests.conftest import vacancy_fields  # noqa: F401

START = dt.date(2023, 7, 1)
MONTHS = [periods.month_start(START, months=i) for i in range(24)]
OCCUPATIONS = ["1221", "2512", "3313", "5230", "7512"]
EDUCATION = ["", "SD", "SMA", "SMK", "D3", "S1"]


def clone(base: Vacancy, **fields) -> Vacancy:
    vacancy = Vacancy.objects.get(pk=base.pk)
    vacancy.pk = None
    for name, value in fields.items():
        setattr(vacancy, name, value)
    vacancy.occupation_group = vacancy.occupation_id[:1]
    vacancy.save()
    return vacancy


@pytest.fixture
def generated(published):
    """24 months of vacancies: published, hired into one position at a time, then closed
    (filled, withdrawn or expired) or left open, written by the register's own functions."""
    rng = random.Random(23)
    for first_day in MONTHS:
        for _n in range(rng.randint(3, 8)):
            day = first_day + dt.timedelta(days=rng.randint(0, 27))
            vacancy = clone(
                published,
                openings=rng.randint(1, 6),
                min_education=rng.choice(EDUCATION),
                sex_limit=rng.choice(["", "", "L", "P"]),
                occupation_id=rng.choice(OCCUPATIONS),
            )
            register.vacancy_registered(vacancy=vacancy, today=day)
            for _hire in range(rng.randint(0, vacancy.openings)):
                day += dt.timedelta(days=rng.randint(0, 40))
                register.vacancy_position_filled(
                    vacancy=vacancy, today=day, placed_sex=rng.choice("MF")
                )
            if rng.random() < 0.7:
                day += dt.timedelta(days=rng.randint(0, 60))
                reason = rng.choice(["filled", "withdrawn", "expired"])
                register.vacancy_closed(vacancy=vacancy, reason=reason, today=day)
    return published.office


@pytest.mark.parametrize("form", [ipk.III_3, ipk.III_4])
def test_every_group_balances_and_carries_over_for_24_months(generated, form):
    carried: dict[tuple[str, str], int] = {}
    moved = 0
    for first_day in [*MONTHS, *(periods.month_start(MONTHS[-1], months=i) for i in (1, 2, 3))]:
        report = ipk.compute(
            office=generated,
            form=ipk.FORMS[form],
            period=periods.month(first_day.year, first_day.month),
        )
        for row in report.rows:
            for sex in ("M", "F", ""):
                c = row.by_sex(sex)
                assert c.left_end == c.left_before + c.registered - c.placed - c.removed
                assert c.left_end >= 0, (first_day, row.code, sex)
                assert c.left_before == carried.get((row.code, sex), 0), (first_day, row.code)
                carried[(row.code, sex)] = c.left_end
                moved += c.registered + c.placed + c.removed
        total = report.total.total
        assert total.left_end == sum(r.total.left_end for r in report.rows)
    assert moved > 0 and sum(carried.values()) > 0


def test_the_placement_form_counts_every_hire_once(generated):
    year = periods.parse("2024")
    placed = ipk.compute(office=generated, form=ipk.FORMS[ipk.III_7], period=year)
    filled = ipk.compute(office=generated, form=ipk.FORMS[ipk.III_3], period=year)
    # hires are filled positions with a person; closing as filled adds positions without one
    assert 0 < placed.total.total.placed <= filled.total.total.placed


def hand_month(published):
    """March 2025 by hand (positions):

    - A: 3 openings, SMA, either sex, registered 2025-02-10; 1 filled 2025-02-20 → 2 left
      from February; 1 filled (a woman) 2025-03-05; withdrawn 2025-03-20 → 1 removed.
    - B: 2 openings, S1, men only, registered 2025-03-02; 1 filled (a man) 2025-03-30.
    - C: 4 openings, SMA, either, registered 2025-03-31; expired 2025-04-02 (April).
    - D: 1 opening, no minimum, women only, registered 2025-01-05, closed as filled
      outside Pencaker 2025-03-15 → filled without a person.
    """
    a = clone(published, openings=3, min_education="SMA", sex_limit="", occupation_id="5230")
    register.vacancy_registered(vacancy=a, today=dt.date(2025, 2, 10))
    register.vacancy_position_filled(vacancy=a, today=dt.date(2025, 2, 20), placed_sex="M")
    register.vacancy_position_filled(vacancy=a, today=dt.date(2025, 3, 5), placed_sex="F")
    register.vacancy_closed(vacancy=a, reason="withdrawn", today=dt.date(2025, 3, 20))
    b = clone(published, openings=2, min_education="S1", sex_limit="L", occupation_id="2512")
    register.vacancy_registered(vacancy=b, today=dt.date(2025, 3, 2))
    register.vacancy_position_filled(vacancy=b, today=dt.date(2025, 3, 30), placed_sex="M")
    c = clone(published, openings=4, min_education="SMA", sex_limit="", occupation_id="7512")
    register.vacancy_registered(vacancy=c, today=dt.date(2025, 3, 31))
    register.vacancy_closed(vacancy=c, reason="expired", today=dt.date(2025, 4, 2))
    d = clone(published, openings=1, min_education="", sex_limit="P", occupation_id="7512")
    register.vacancy_registered(vacancy=d, today=dt.date(2025, 1, 5))
    register.vacancy_closed(vacancy=d, reason="filled", today=dt.date(2025, 3, 15))
    return published.office


def cells(report, code, sex):
    row = next(r for r in report.rows if r.code == code)
    c = row.by_sex(sex)
    return (c.left_before, c.registered, c.placed, c.removed, c.left_end)


def test_march_matches_the_hand_count(published):
    office = hand_month(published)
    march = periods.parse("2025-03")
    by_education = ipk.compute(office=office, form=ipk.FORMS[ipk.III_3], period=march)
    # the fixture's own vacancy (1 opening, SMA, either) is published today, not in 2025
    assert cells(by_education, "SMA", "") == (2, 4, 1, 1, 4)
    assert cells(by_education, "S1", "M") == (0, 2, 1, 0, 1)
    assert cells(by_education, "", "F") == (1, 0, 1, 0, 0)
    total = by_education.total.total
    assert (total.left_before, total.registered, total.placed, total.removed) == (3, 6, 3, 1)
    assert total.left_end == 5
    by_occupation = ipk.compute(office=office, form=ipk.FORMS[ipk.III_4], period=march)
    assert cells(by_occupation, "5", "") == (2, 0, 1, 1, 0)
    assert cells(by_occupation, "2", "M") == (0, 2, 1, 0, 1)
    assert cells(by_occupation, "7", "") == (0, 4, 0, 0, 4)
    assert cells(by_occupation, "7", "F") == (1, 0, 1, 0, 0)
    placements = ipk.compute(office=office, form=ipk.FORMS[ipk.III_7], period=march)
    section = published.organisation.sector.code[:1] if published.sector is None else None
    total = placements.total
    assert (total.male.placed, total.female.placed) == (1, 1)  # D had no person hired
    assert section is None or any(
        r.code == section and r.total.placed == 2 for r in placements.rows
    )


def test_a_closed_month_does_not_change_after_later_events(published):
    office = hand_month(published)
    march = periods.parse("2025-03")
    before = ipk.compute(office=office, form=ipk.FORMS[ipk.III_3], period=march).rows
    e = clone(published, openings=2, min_education="SMA", occupation_id="5230")
    register.vacancy_registered(vacancy=e, today=dt.date(2025, 4, 10))
    register.vacancy_closed(vacancy=e, reason="withdrawn", today=dt.date(2025, 4, 11))
    assert ipk.compute(office=office, form=ipk.FORMS[ipk.III_3], period=march).rows == before


def test_command_and_xlsx_give_the_vacancy_forms(published, tmp_path):
    office = hand_month(published)
    out = io.StringIO()
    call_command("ipk_report", "III/3", "--month", "2025-03", "--office", office.code, stdout=out)
    data = json.loads(out.getvalue())
    assert data["form"] == "III/3"
    total = data["rows"][-1]
    assert total["total"]["5_left_at_end"] == 5 and total["either"]["2_registered"] == 4
    report = ipk.compute(office=office, form=ipk.FORMS[ipk.III_4], period=periods.parse("2025-03"))
    sheet = load_workbook(io.BytesIO(xlsx_export.render_xlsx(report))).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert ["L", "P", "L/P", "L+P"] == [v for v in values[7][2:6]]
    total_row = next(row for row in values if row[1] == "Jumlah")
    assert total_row[2 + 4 * 6 + 3] == 5  # (5) left at the end, L+P
