"""The working-day calendar of an office runs in the office's time zone (ADR 0031): WIB,
WITA or WIT. Opening hours are local, so the same instant can be inside the hours of one
office and before the opening of another, and the due moments differ by the zone offset."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from pencaker.core.calendar import WorkingCalendar, local_date, working_deadline

UTC = dt.UTC
WIB, WITA, WIT = ZoneInfo("Asia/Jakarta"), ZoneInfo("Asia/Makassar"), ZoneInfo("Asia/Jayapura")


def _calendar(zone: str) -> WorkingCalendar:
    office = SimpleNamespace(work_start=dt.time(8), work_end=dt.time(16), time_zone=zone)
    return WorkingCalendar.for_office(office)


def test_for_office_reads_the_zone_and_defaults_to_jakarta():
    assert _calendar("Asia/Jayapura").tz == WIT
    assert _calendar("").tz == WIB
    assert WorkingCalendar.for_office(SimpleNamespace()).tz == WIB


def test_a_submission_at_23_30_wib_is_due_at_each_office_s_own_closing_time():
    # Monday 2 March 2026, 23:30 WIB = Tuesday 01:30 WIT: both clocks start on Tuesday at
    # their own 08:00, one working day later is Tuesday 16:00 local, 2 hours apart.
    submitted = dt.datetime(2026, 3, 2, 23, 30, tzinfo=WIB)
    due = {zone: working_deadline(submitted, 8, calendar=_calendar(zone)) for zone in (
        "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")}  # fmt: skip
    for zone, moment in due.items():
        local = moment.astimezone(ZoneInfo(zone))
        assert (local.date(), local.time()) == (dt.date(2026, 3, 3), dt.time(16)), zone
    assert due["Asia/Jakarta"] - due["Asia/Jayapura"] == dt.timedelta(hours=2)
    assert due["Asia/Jakarta"] - due["Asia/Makassar"] == dt.timedelta(hours=1)
    assert due["Asia/Jakarta"].astimezone(UTC) == dt.datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
    assert due["Asia/Jayapura"].astimezone(UTC) == dt.datetime(2026, 3, 3, 7, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "due_date"),
    [
        # 08:30 WIT = 07:30 WITA = 06:30 WIB on Monday 2 March 2026. Jayapura is open: one
        # working day later is Tuesday 08:30. Makassar opens at 08:00: due Monday 16:00
        # (the whole Monday). Jakarta likewise opens later that Monday: due Monday 16:00.
        ("Asia/Jayapura", dt.date(2026, 3, 3)),
        ("Asia/Makassar", dt.date(2026, 3, 2)),
        ("Asia/Jakarta", dt.date(2026, 3, 2)),
    ],
)
def test_the_same_instant_is_due_a_day_apart_where_one_office_is_already_open(zone, due_date):
    submitted = dt.datetime(2026, 3, 2, 8, 30, tzinfo=WIT)
    due = working_deadline(submitted, 8, calendar=_calendar(zone))
    assert due.astimezone(ZoneInfo(zone)).date() == due_date


def test_a_closure_is_a_local_day():
    # Tuesday 3 March closed in Jayapura: a submission on Monday 23:30 WIB (Tuesday 01:30
    # WIT) waits until Wednesday there.
    office = SimpleNamespace(work_start=dt.time(8), work_end=dt.time(16), time_zone="Asia/Jayapura")
    calendar = WorkingCalendar.for_office(office, closures=[dt.date(2026, 3, 3)])
    submitted = dt.datetime(2026, 3, 2, 23, 30, tzinfo=WIB)
    due = working_deadline(submitted, 8, calendar=calendar)
    assert due.astimezone(WIT).date() == dt.date(2026, 3, 4)


def test_local_date():
    moment = dt.datetime(2026, 3, 31, 15, 30, tzinfo=UTC)  # 22:30 WIB, 00:30 WIT 1 April
    assert local_date(moment, "Asia/Jakarta") == dt.date(2026, 3, 31)
    assert local_date(moment, "Asia/Makassar") == dt.date(2026, 3, 31)
    assert local_date(moment, "Asia/Jayapura") == dt.date(2026, 4, 1)
    assert local_date(moment, "") == dt.date(2026, 3, 31)
