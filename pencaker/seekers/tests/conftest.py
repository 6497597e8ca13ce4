from __future__ import annotations

import datetime as dt

import pytest

from pencaker.e2e.conftest import (  # noqa: F401 - browser fixtures shared with the journeys
    assert_accessible,
    axe,
    chromium_browser,
    nojs_page,
    page,
)
from pencaker.seekers import selectors


@pytest.fixture(autouse=True)
def missing_documents(monkeypatch):
    """Control what the documents app reports as missing.

    Set ``missing_documents["kinds"]`` to fake missing kinds, or ``["real"] = True`` to ask
    the real documents selector.
    """
    state: dict = {"kinds": [], "real": False, "calls": []}
    real = selectors._document_kinds_missing

    def fake(user, office):
        state["calls"].append((user, office))
        if state["real"]:
            return real(user, office)
        return list(state["kinds"])

    monkeypatch.setattr(selectors, "_document_kinds_missing", fake)
    return state


@pytest.fixture
def village(db):
    from pencaker.seekers.tests.factories import region_chain

    return region_chain("16.71.01.1001", "Kelurahan Contoh")


@pytest.fixture
def seeker(user_factory):
    return user_factory()


@pytest.fixture
def profile(seeker):
    from pencaker.seekers.services import profile_ensure

    return profile_ensure(user=seeker)


@pytest.fixture
def today():
    from django.utils import timezone

    return timezone.localdate()


def years_ago(today: dt.date, years: int, days: int = 0) -> dt.date:
    try:
        day = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        day = today.replace(year=today.year - years, day=28)
    return day - dt.timedelta(days=days)
