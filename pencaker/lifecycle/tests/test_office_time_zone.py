"""An office's events are recorded on its own dates (ADR 0031), so its IPK months begin at
its midnight: a placement at 00:30 WIT on 1 April in Jayapura (22:30 WIB on 31 March)
counts in April there, in March for an office in Jakarta. The daily run (reminders,
expiry) acts on each office's own date."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from pencaker.lifecycle.choices import EventKind
from pencaker.lifecycle.models import SeekerEvent
from pencaker.lifecycle.services import lifecycle_daily_local
from pencaker.reporting import ipk
from pencaker.reporting.periods import month

pytestmark = pytest.mark.django_db

WIT = ZoneInfo("Asia/Jayapura")
PLACED_AT = dt.datetime(2026, 4, 1, 0, 30, tzinfo=WIT)


def _at(monkeypatch, moment: dt.datetime) -> None:
    monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(dt.UTC))


@pytest.mark.parametrize(
    ("zone", "day", "april_placed", "march_placed"),
    [
        ("Asia/Jayapura", dt.date(2026, 4, 1), 1, 0),
        ("Asia/Makassar", dt.date(2026, 3, 31), 0, 1),
        ("Asia/Jakarta", dt.date(2026, 3, 31), 0, 1),
    ],
)
def test_a_placement_just_after_midnight_wit_counts_in_the_office_s_month(
    zone, day, april_placed, march_placed, monkeypatch, signed_office, holder, issue_card,
    operator, staff_client_factory,
):  # fmt: skip
    signed_office.time_zone = zone
    signed_office.save(update_fields=["time_zone"])
    card = issue_card(holder, on=dt.date(2026, 1, 15))
    client = staff_client_factory(operator)
    _at(monkeypatch, PLACED_AT)
    response = client.post(
        reverse("lifecycle:staff_placement", args=[card.number]),
        {
            "employer": "PT Sinar Papua",
            "position": "Staf gudang",
            "sector": "trade",
            "start_date": "2026-03-30",
            "area": "AKL",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    placed = SeekerEvent.objects.get(kind=EventKind.PLACED, holder=holder)
    assert placed.occurred_on == day
    form = ipk.FORMS[ipk.III_1]
    april = ipk.compute(office=signed_office, form=form, period=month(2026, 4), use_summary=False)
    march = ipk.compute(office=signed_office, form=form, period=month(2026, 3), use_summary=False)
    assert april.total.total.placed == april_placed
    assert march.total.total.placed == march_placed


def test_the_daily_run_acts_on_each_office_s_own_date(
    monkeypatch, signed_office, holder, issue_card
):
    # One card in a WIT office whose validity ends on 31 March 2026: at 00:30 WIT on
    # 1 April the Jayapura office's day has begun and the card expires; the same card in a
    # WIB office is still valid (it is 31 March in Jakarta).
    from pencaker.offices.models import LifecycleSettings

    # Removal off: the missed reports of two years must not end the card first.
    LifecycleSettings.objects.create(office=signed_office, removal_enabled=False)
    card = issue_card(holder, on=dt.date(2024, 3, 31))
    assert card.valid_until == dt.date(2026, 3, 31)
    _at(monkeypatch, PLACED_AT)
    assert lifecycle_daily_local().expired == 0  # WIB: still 31 March
    signed_office.time_zone = "Asia/Jayapura"
    signed_office.save(update_fields=["time_zone"])
    assert lifecycle_daily_local().expired == 1
    expired = SeekerEvent.objects.get(kind=EventKind.EXPIRED, holder=holder)
    assert expired.occurred_on == dt.date(2026, 4, 1)
