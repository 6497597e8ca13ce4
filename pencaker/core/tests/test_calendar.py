import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pencaker.core.calendar import (
    JAKARTA,
    WorkingCalendar,
    working_deadline,
    working_time_between,
    working_time_in_intervals,
)

CAL = WorkingCalendar()


def jkt(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=JAKARTA)


# --- concrete cases --------------------------------------------------------------------


def test_friday_afternoon_submission_is_due_monday_same_time():
    # 2026-02-06 is a Friday with no holiday around it.
    assert working_deadline(jkt(2026, 2, 6, 15), 8, calendar=CAL) == jkt(2026, 2, 9, 15)


def test_submission_before_idul_fitri_2026_skips_holidays_and_cuti_bersama():
    # Nyepi cuti bersama 18 Mar, Nyepi 19 Mar, Idul Fitri cuti bersama 20, 23, 24 Mar,
    # Idul Fitri 21-22 Mar (weekend): Tuesday 17 Mar 10:00 is due Wednesday 25 Mar 10:00.
    assert working_deadline(jkt(2026, 3, 17, 10), 8, calendar=CAL) == jkt(2026, 3, 25, 10)


def test_cuti_bersama_day_is_not_a_working_day():
    assert CAL.holiday_name(dt.date(2026, 3, 23)) is not None
    assert not CAL.is_working_day(dt.date(2026, 3, 23))
    assert CAL.is_working_day(dt.date(2026, 3, 25))


def test_national_holiday_is_skipped():
    # Independence Day 17 Aug 2026 is a Monday.
    assert working_deadline(jkt(2026, 8, 14, 9), 8, calendar=CAL) == jkt(2026, 8, 18, 9)


def test_submission_after_closing_starts_at_next_opening():
    assert working_deadline(jkt(2026, 2, 4, 19, 30), 8, calendar=CAL) == jkt(2026, 2, 5, 16)


def test_submission_at_night_on_saturday_starts_monday_morning():
    assert working_deadline(jkt(2026, 2, 7, 23), 2, calendar=CAL) == jkt(2026, 2, 9, 10)


def test_submission_before_opening_starts_at_opening():
    assert working_deadline(jkt(2026, 2, 4, 6), 1.5, calendar=CAL) == jkt(2026, 2, 4, 9, 30)


def test_deadline_that_fills_a_day_ends_at_closing_time():
    assert working_deadline(jkt(2026, 2, 4, 8), 8, calendar=CAL) == jkt(2026, 2, 4, 16)


def test_office_closure_is_skipped():
    closed = WorkingCalendar(closures=frozenset({dt.date(2026, 2, 5)}))
    assert working_deadline(jkt(2026, 2, 4, 12), 8, calendar=closed) == jkt(2026, 2, 6, 12)


def test_working_day_length_follows_office_hours():
    short = WorkingCalendar(work_start=dt.time(7, 30), work_end=dt.time(15, 0))
    assert short.working_day == dt.timedelta(hours=7, minutes=30)
    assert working_deadline(jkt(2026, 2, 6, 14), short.working_day, calendar=short) == jkt(
        2026, 2, 9, 14
    )


def test_time_between_counts_only_working_hours_across_weekend():
    assert working_time_between(
        jkt(2026, 2, 6, 15), jkt(2026, 2, 9, 9), calendar=CAL
    ) == dt.timedelta(hours=2)


def test_time_between_is_negative_when_reversed():
    assert working_time_between(
        jkt(2026, 2, 9, 9), jkt(2026, 2, 6, 15), calendar=CAL
    ) == dt.timedelta(hours=-2)


def test_paused_interval_is_left_out():
    running = [
        (jkt(2026, 2, 4, 9), jkt(2026, 2, 4, 11)),  # submitted, then returned
        (jkt(2026, 2, 9, 10), jkt(2026, 2, 9, 13)),  # resubmitted, then decided
    ]
    assert working_time_in_intervals(running, calendar=CAL) == dt.timedelta(hours=5)


def test_naive_datetime_is_refused():
    with pytest.raises(ValueError):
        working_deadline(dt.datetime(2026, 2, 4, 9), 1, calendar=CAL)


def test_negative_hours_are_refused():
    with pytest.raises(ValueError):
        working_deadline(jkt(2026, 2, 4, 9), -1, calendar=CAL)


def test_calendar_with_inverted_hours_is_refused():
    with pytest.raises(ValueError):
        WorkingCalendar(work_start=dt.time(16), work_end=dt.time(8))


def test_calendar_for_office_reads_hours_and_closures():
    class FakeOffice:
        work_start = dt.time(7)
        work_end = dt.time(15, 30)

    cal = WorkingCalendar.for_office(FakeOffice(), closures=[dt.date(2026, 2, 4)])
    assert cal.working_day == dt.timedelta(hours=8, minutes=30)
    assert not cal.is_working_day(dt.date(2026, 2, 4))


# --- properties ------------------------------------------------------------------------

moments = st.datetimes(
    min_value=dt.datetime(2024, 1, 1),
    max_value=dt.datetime(2027, 12, 31),
    timezones=st.just(JAKARTA),
)
hours = st.floats(min_value=0, max_value=200, allow_nan=False, allow_infinity=False)
closure_sets = st.frozensets(
    st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2028, 3, 31)), max_size=20
)
calendars = st.builds(
    WorkingCalendar,
    work_start=st.sampled_from([dt.time(7), dt.time(7, 30), dt.time(8)]),
    work_end=st.sampled_from([dt.time(15), dt.time(16), dt.time(16, 30)]),
    closures=closure_sets,
)


@settings(max_examples=200, deadline=None)
@given(start=moments, h=hours.filter(lambda x: x > 0), cal=calendars)
def test_deadline_is_inside_working_hours_of_a_working_day(start, h, cal):
    deadline = working_deadline(start, h, calendar=cal)
    local = deadline.astimezone(cal.tz)
    assert cal.is_working_day(local.date())
    assert cal.work_start <= local.time().replace(tzinfo=None) <= cal.work_end


@settings(max_examples=200, deadline=None)
@given(start=moments, h=hours, cal=calendars)
def test_time_between_start_and_deadline_equals_requested_hours(start, h, cal):
    deadline = working_deadline(start, h, calendar=cal)
    assert working_time_between(start, deadline, calendar=cal) == dt.timedelta(hours=h)


@settings(max_examples=100, deadline=None)
@given(start=moments, a=hours, b=hours, cal=calendars)
def test_more_hours_never_give_an_earlier_deadline(start, a, b, cal):
    low, high = sorted((a, b))
    assert working_deadline(start, low, calendar=cal) <= working_deadline(start, high, calendar=cal)


@settings(max_examples=100, deadline=None)
@given(a=moments, b=moments, c=moments)
def test_time_between_is_additive(a, b, c):
    a, b, c = sorted((a, b, c))
    assert working_time_between(a, c, calendar=CAL) == working_time_between(
        a, b, calendar=CAL
    ) + working_time_between(b, c, calendar=CAL)
