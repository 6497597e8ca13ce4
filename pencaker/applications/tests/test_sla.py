"""SLA across a weekend, a national holiday, cuti bersama, an office closure and a pause."""

import datetime as dt

import pytest
from django.utils import timezone

from pencaker.applications import services, sla
from pencaker.applications.choices import ReturnReason, Status
from pencaker.applications.selectors import application_sla_by_month
from pencaker.core.calendar import JAKARTA
from pencaker.offices.models import OfficeClosure


def jkt(*args):
    return dt.datetime(*args, tzinfo=JAKARTA)


@pytest.fixture
def clock(monkeypatch):
    class Clock:
        now = jkt(2026, 2, 4, 9)

        def set(self, moment):
            self.now = moment

    c = Clock()
    monkeypatch.setattr(timezone, "now", lambda: c.now)
    return c


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("submitted", "due"),
    [
        (jkt(2026, 2, 6, 15), jkt(2026, 2, 9, 15)),  # weekend
        (jkt(2026, 8, 14, 10), jkt(2026, 8, 18, 10)),  # Independence Day (Mon 17 Aug)
        (jkt(2026, 3, 17, 10), jkt(2026, 3, 25, 10)),  # Nyepi + Idul Fitri + cuti bersama
        (jkt(2026, 2, 7, 20), jkt(2026, 2, 9, 16)),  # Saturday night: starts Monday 08:00
    ],
    ids=["weekend", "national-holiday", "cuti-bersama", "outside-hours"],
)
def test_due_time_is_one_working_day_in_the_office_calendar(clock, applicant, submitted, due):
    clock.set(submitted)
    application, _ = services.application_submit(actor=applicant)
    assert application.due_at == due


@pytest.mark.django_db
def test_office_closure_moves_the_deadline(clock, applicant, office):
    OfficeClosure.objects.create(office=office, date=dt.date(2026, 2, 5), reason="Pindah kantor")
    clock.set(jkt(2026, 2, 4, 10))
    application, _ = services.application_submit(actor=applicant)
    assert application.due_at == jkt(2026, 2, 6, 10)


@pytest.mark.django_db
def test_sla_working_days_is_configurable(clock, applicant, office):
    office.sla_working_days = 3
    office.save()
    clock.set(jkt(2026, 2, 4, 10))
    application, _ = services.application_submit(actor=applicant)
    assert application.due_at == jkt(2026, 2, 9, 10)


@pytest.mark.django_db
def test_clock_pauses_while_waiting_on_the_applicant(clock, applicant, operator):
    # Given: submitted Wednesday 09:00, due Thursday 09:00
    clock.set(jkt(2026, 2, 4, 9))
    application, _ = services.application_submit(actor=applicant)
    assert application.due_at == jkt(2026, 2, 5, 9)
    # When: returned Wednesday 11:00 (6 working hours left) and resubmitted Monday 10:00
    clock.set(jkt(2026, 2, 4, 11))
    services.application_claim(actor=operator, application_id=application.pk)
    services.application_return(
        actor=operator,
        application_id=application.pk,
        items=[services.ReturnItemInput("identity", ReturnReason.MISMATCH)],
    )
    clock.set(jkt(2026, 2, 7, 12))
    application.refresh_from_db()
    paused = sla.sla_state(application)
    assert paused.paused and not paused.overdue
    assert paused.remaining == dt.timedelta(hours=6)
    clock.set(jkt(2026, 2, 9, 10))
    services.application_resubmit(actor=applicant, application_id=application.pk)
    application.refresh_from_db()
    # Then: the six hours left run from Monday 10:00 → Monday 16:00
    assert application.due_at == jkt(2026, 2, 9, 16)
    clock.set(jkt(2026, 2, 9, 15))
    services.application_claim(actor=operator, application_id=application.pk)
    services.application_approve(actor=operator, application_id=application.pk)
    application.refresh_from_db()
    used = sla.working_time_used(application, until=application.decided_at)
    assert used == dt.timedelta(hours=2 + 5)
    assert application.decided_at <= application.due_at


@pytest.mark.django_db
def test_queue_item_past_due_is_overdue(clock, make_application):
    clock.set(jkt(2026, 2, 4, 9))
    application = make_application(Status.SUBMITTED)
    clock.set(jkt(2026, 2, 5, 11))
    state = sla.sla_state(application)
    assert state.overdue
    assert state.remaining == dt.timedelta(hours=-2)


@pytest.mark.django_db
def test_monthly_dashboard_counts_share_within_sla_and_median(
    clock, seeker_factory, operator, office
):
    def decide(nik, submitted, decided):
        user = seeker_factory()
        clock.set(submitted)
        application, _ = services.application_submit(actor=user)
        services.application_claim(actor=operator, application_id=application.pk)
        clock.set(decided)
        services.application_approve(actor=operator, application_id=application.pk)

    decide("1671014101900011", jkt(2026, 2, 4, 9), jkt(2026, 2, 4, 11))  # 2 h, in time
    decide("1671014101900012", jkt(2026, 2, 4, 9), jkt(2026, 2, 4, 13))  # 4 h, in time
    decide("1671014101900013", jkt(2026, 2, 4, 9), jkt(2026, 2, 6, 9))  # 16 h, late
    clock.set(jkt(2026, 2, 20, 9))
    [feb] = application_sla_by_month(office)
    assert (feb.month, feb.decided, feb.within_sla) == (dt.date(2026, 2, 1), 3, 2)
    assert feb.median_hours == 4
