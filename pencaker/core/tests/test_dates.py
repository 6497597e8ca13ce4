import datetime as dt

import pytest

from pencaker.core.dates import age_on


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (dt.date(2000, 5, 12), dt.date(2018, 5, 11), 17),
        (dt.date(2000, 5, 12), dt.date(2018, 5, 12), 18),
        (dt.date(2000, 5, 12), dt.date(2000, 5, 12), 0),
        (dt.date(1990, 12, 31), dt.date(2025, 1, 1), 34),
        (dt.date(2000, 2, 29), dt.date(2018, 2, 27), 17),
        (dt.date(2000, 2, 29), dt.date(2018, 2, 28), 18),
        (dt.date(2000, 2, 29), dt.date(2020, 2, 29), 20),
    ],
)
def test_age_on_counts_completed_years(birth, day, age):
    assert age_on(birth, day) == age
