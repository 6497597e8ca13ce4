"""Deadlines on the office's working-day calendar: weekends, national holidays and cuti
bersama (the ``holidays`` package's government category) do not count."""

from __future__ import annotations

import datetime as dt

import pytest

from pencaker.complaints import deadlines, services
from pencaker.complaints.choices import Status, Tier
from pencaker.complaints.models import Complaint
from pencaker.core.calendar import JAKARTA

pytestmark = pytest.mark.django_db


def wib(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=JAKARTA)


def test_verification_across_a_weekend(office):
    # Friday 2 May 2025 09:00: Fri 7 h, Mon 8 h, Tue 8 h, Wed 1 h of 3 x 8 h.
    assert deadlines.verify_due(office, wib(2025, 5, 2, 9)) == wib(2025, 5, 7, 9)


def test_verification_across_nyepi_idul_fitri_and_cuti_bersama(office):
    # Thu 27 Mar 2025 10:00; Fri 28 (cuti bersama Nyepi), the weekend, Mon 31 and Tue 1
    # (Idul Fitri), Wed 2 - Fri 4 and Mon 7 April (cuti bersama) do not count.
    assert deadlines.verify_due(office, wib(2025, 3, 27, 10)) == wib(2025, 4, 10, 10)


def test_light_tier_across_ascension_and_its_cuti_bersama(office):
    # Wed 28 May 2025 09:00: Thu 29 (Ascension), Fri 30 (cuti bersama), the weekend.
    assert deadlines.answer_due(office, wib(2025, 5, 28, 9), Tier.LIGHT) == wib(2025, 6, 3, 9)


def test_an_office_closure_does_not_count(office, user_factory):
    from pencaker.accounts.models import Role
    from pencaker.offices.services import office_closure_add

    admin = user_factory(Role.ADMIN_DINAS, office=office)
    office_closure_add(actor=admin, office=office, date=dt.date(2025, 5, 5), reason="Rapat")
    assert deadlines.verify_due(office, wib(2025, 5, 2, 9)) == wib(2025, 5, 8, 9)


@pytest.mark.parametrize(
    "tier,days", [(Tier.LIGHT, 2), (Tier.NORMATIVE, 5), (Tier.OTHER, 14), (Tier.INVESTIGATION, 60)]
)
def test_default_tiers(office, tier, days):
    start = wib(2025, 6, 2, 8)  # a Monday opening
    due = deadlines.answer_due(office, start, tier)
    assert deadlines.working_days_between(office, start, due) == days


def test_office_sets_its_own_tiers(office, user_factory):
    from pencaker.accounts.models import Role

    admin = user_factory(Role.ADMIN_DINAS, office=office)
    services.complaint_settings_update(actor=admin, office=office, normative_days=10, verify_days=2)
    start = wib(2025, 6, 2, 8)
    assert (
        deadlines.working_days_between(
            office, start, deadlines.answer_due(office, start, Tier.NORMATIVE)
        )
        == 10
    )
    assert deadlines.verify_due(office, start) == wib(2025, 6, 3, 16)


def test_daily_job_with_explicit_dates(submit, officer):
    complaint = submit()
    received = wib(2025, 3, 27, 10)
    Complaint.objects.filter(pk=complaint.pk).update(
        received_at=received, verify_due_at=deadlines.verify_due(complaint.office, received)
    )
    # Still inside the deadline on 9 April (the holidays stopped the clock) …
    assert services.complaints_daily(now=wib(2025, 4, 9, 15)).escalated == 0
    # … past it on 10 April at 11:00.
    assert services.complaints_daily(now=wib(2025, 4, 10, 11)).escalated == 1
    complaint.refresh_from_db()
    assert complaint.status == Status.ESCALATED
