"""The office calendar compiled once per process and reused (issue 18, ADR 0029)."""

from __future__ import annotations

import datetime as dt

import pytest

from pencaker.accounts.models import Role
from pencaker.offices import selectors, services
from pencaker.offices.models import OfficeClosure


@pytest.fixture
def cached(settings):
    settings.PENCAKER_OFFICE_CALENDAR_CACHE_SECONDS = 60
    selectors.office_calendar_forget()
    yield
    selectors.office_calendar_forget()


@pytest.fixture
def admin(user_factory, office):
    return user_factory(Role.ADMIN_DINAS, office=office)


def test_a_cached_calendar_is_reused_without_reading_the_closed_days(
    cached, office, django_assert_num_queries
):
    first = selectors.office_calendar(office)
    with django_assert_num_queries(0):
        again = selectors.office_calendar(office)
    assert again is first


def test_without_the_cache_every_use_reads_the_closed_days(
    settings, office, django_assert_num_queries
):
    settings.PENCAKER_OFFICE_CALENDAR_CACHE_SECONDS = 0
    selectors.office_calendar(office)
    with django_assert_num_queries(1):
        selectors.office_calendar(office)


def test_adding_and_removing_a_closed_day_is_seen_at_once(
    cached, office, admin, django_capture_on_commit_callbacks
):
    day = dt.date(2026, 3, 2)
    assert day not in selectors.office_calendar(office).closures
    with django_capture_on_commit_callbacks(execute=True):
        services.office_closure_add(actor=admin, office=office, date=day)
    assert day in selectors.office_calendar(office).closures
    with django_capture_on_commit_callbacks(execute=True):
        services.office_closure_remove(actor=admin, office=office, date=day)
    assert day not in selectors.office_calendar(office).closures


def test_changed_working_hours_are_seen_at_once(cached, office):
    assert selectors.office_calendar(office).work_end == dt.time(16, 0)
    office.work_end = dt.time(15, 0)
    office.save(update_fields=["work_end"])
    assert selectors.office_calendar(office).work_end == dt.time(15, 0)


def test_a_closed_day_written_elsewhere_is_read_after_the_cache_expires(
    cached, settings, office, monkeypatch
):
    clock = [1000.0]
    monkeypatch.setattr(selectors.time, "monotonic", lambda: clock[0])
    day = dt.date(2026, 3, 3)
    selectors.office_calendar(office)
    # Another process adds the day: this process does not hear of it ...
    OfficeClosure.objects.create(office=office, date=day)
    assert day not in selectors.office_calendar(office).closures
    # ... until its copy is older than the setting.
    clock[0] += settings.PENCAKER_OFFICE_CALENDAR_CACHE_SECONDS + 1
    assert day in selectors.office_calendar(office).closures


def test_each_office_has_its_own_calendar(cached, office, other_office):
    day = dt.date(2026, 3, 4)
    OfficeClosure.objects.create(office=other_office, date=day)
    assert day not in selectors.office_calendar(office).closures
    assert day in selectors.office_calendar(other_office).closures
