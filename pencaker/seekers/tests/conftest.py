from __future__ import annotations

import datetime as dt

import pytest

from pencaker.e2e import conftest as _e2e
from pencaker.seekers.selectors import completeness as selectors

# Browser fixtures shared with the journeys (the browser itself may live in the root conftest).
assert_accessible = _e2e.assert_accessible
axe = _e2e.axe
nojs_page = _e2e.nojs_page
page = _e2e.page
if hasattr(_e2e, "chromium_browser"):
    chromium_browser = _e2e.chromium_browser


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
