from __future__ import annotations

import datetime as dt

import pytest

from pencaker.accounts.models import Role
from pencaker.core.calendar import JAKARTA

# A Tuesday, 09:00 in Jakarta: a working day with the counter open.
TUESDAY = dt.date(2026, 3, 3)
NOW = dt.datetime(2026, 3, 3, 9, 0, tzinfo=JAKARTA)


@pytest.fixture
def operator(user_factory, office):
    return user_factory(Role.OPERATOR, office=office, first_name="Oki")


@pytest.fixture
def other_operator(user_factory, office):
    return user_factory(Role.OPERATOR, office=office, first_name="Ola")


@pytest.fixture
def outside_operator(user_factory, other_office):
    return user_factory(Role.OPERATOR, office=other_office)


@pytest.fixture
def book(office):
    from pencaker.counter import services

    def make(**overrides):
        values = {
            "office": office,
            "service": "A",
            "day": TUESDAY,
            "name": "Sari Dewi",
            "contact": "sari@example.id",
            "now": NOW,
        }
        values.update(overrides)
        return services.ticket_book(**values)

    return make
