import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from pencaker.cards.rules import REPORT_MONTHS, add_months, report_due_dates, valid_until

D = dt.date


def test_months_clamp_to_the_end_of_a_shorter_month():
    assert add_months(D(2025, 8, 31), 6) == D(2026, 2, 28)
    assert add_months(D(2023, 8, 31), 6) == D(2024, 2, 29)
    assert add_months(D(2024, 2, 29), 24) == D(2026, 2, 28)


def test_a_card_is_valid_two_years_and_reports_fall_at_6_12_18_months():
    assert valid_until(D(2025, 1, 15)) == D(2027, 1, 15)
    assert REPORT_MONTHS == (6, 12, 18)
    assert report_due_dates(D(2025, 1, 15)) == [D(2025, 7, 15), D(2026, 1, 15), D(2026, 7, 15)]


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 12, 31)), st.integers(0, 60))
def test_adding_months_keeps_the_day_or_the_last_day_of_the_month(day, months):
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day == day.day or (result.day < day.day and (result + dt.timedelta(1)).day == 1)
