import datetime as dt

import pytest

from pencaker.reporting import periods


@pytest.mark.parametrize(
    ("day", "months", "start"),
    [
        (dt.date(2025, 3, 31), 0, dt.date(2025, 3, 1)),
        (dt.date(2025, 1, 31), 1, dt.date(2025, 2, 1)),
        (dt.date(2025, 12, 15), 1, dt.date(2026, 1, 1)),
        (dt.date(2025, 1, 15), -1, dt.date(2024, 12, 1)),
        (dt.date(2025, 6, 30), -36, dt.date(2022, 6, 1)),
    ],
)
def test_month_start_is_the_first_of_the_month_shifted(day, months, start):
    assert periods.month_start(day, months=months) == start


def test_periods_are_half_open_month_ranges():
    assert periods.parse("2024-02").end == dt.date(2024, 3, 1)
    assert periods.parse("2024-S2").months()[-1] == dt.date(2024, 12, 1)
    assert periods.parse("2025").months()[0] == dt.date(2025, 1, 1)
