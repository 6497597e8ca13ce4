from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture
def holder_factory(db):
    """Job-seeker accounts without a password (hashing would only slow the tests)."""
    from pencaker.accounts.models import Role, User

    counter = {"n": 0}

    def make() -> User:
        counter["n"] += 1
        return User.objects.create(email=f"seeker{counter['n']}@example.id", role=Role.JOB_SEEKER)

    return make


@pytest.fixture
def event_factory(db):
    """Append one SeekerEvent as the lifecycle app records it (attributes frozen at the
    event)."""
    from pencaker.lifecycle.models import SeekerEvent

    def make(
        office,
        holder,
        kind: str,
        on: str,
        *,
        sex: str = "M",
        age_group: str = "20-29",
        education: str = "SMA",
        area: str = "",
    ) -> SeekerEvent:
        return SeekerEvent.objects.create(
            office=office,
            holder=holder,
            kind=kind,
            occurred_on=dt.date.fromisoformat(on),
            sex=sex,
            age_group=age_group,
            education_level=education,
            placement_area=area,
        )

    return make
