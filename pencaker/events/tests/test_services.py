"""Events: registration with a quota and a waiting list, check-in, reminders, fair hires."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from pencaker.core.errors import DomainError
from pencaker.events import services, tickets
from pencaker.events.models import Registration
from pencaker.events.tests.conftest import fair_input
from pencaker.notifications.models import Notification


def kinds_to(user):
    return list(
        Notification.objects.filter(recipient=user.email)
        .order_by("id")
        .values_list("kind", flat=True)
    )


def test_seats_then_waiting_list(fair, seekers):
    results = [services.event_register(actor=s, event_id=fair.pk)[0] for s in seekers[:4]]
    assert [r.status for r in results] == ["registered", "registered", "waitlisted", "waitlisted"]
    assert kinds_to(seekers[0]) == ["event.registered"]
    assert kinds_to(seekers[2]) == ["event.waitlisted"]


def test_registering_again_returns_the_same_registration(fair, seekers):
    first, created = services.event_register(actor=seekers[0], event_id=fair.pk)
    again, created_again = services.event_register(actor=seekers[0], event_id=fair.pk)
    assert (created, created_again) == (True, False)
    assert first.pk == again.pk
    keyed, _ = services.event_register(actor=seekers[1], event_id=fair.pk, idempotency_key="k1")
    retry, created = services.event_register(
        actor=seekers[1], event_id=fair.pk, idempotency_key="k1"
    )
    assert (retry.pk, created) == (keyed.pk, False)
    assert Registration.objects.count() == 2
    assert len(kinds_to(seekers[0])) == 1


def test_cancelling_a_seat_promotes_the_first_on_the_waiting_list(fair, seekers):
    regs = [services.event_register(actor=s, event_id=fair.pk)[0] for s in seekers[:4]]
    services.registration_cancel(actor=seekers[0], registration_id=regs[0].pk)
    statuses = {r.pk: r.status for r in Registration.objects.all()}
    assert statuses == {
        regs[0].pk: "cancelled",
        regs[1].pk: "registered",
        regs[2].pk: "registered",  # first on the list moves up
        regs[3].pk: "waitlisted",
    }
    assert kinds_to(seekers[2]) == ["event.waitlisted", "event.promoted"]
    # cancelling a waiting place frees no seat
    services.registration_cancel(actor=seekers[3], registration_id=regs[3].pk)
    assert Registration.objects.filter(status="registered").count() == 2


def test_a_larger_quota_promotes_in_order(fair, seekers, operator):
    regs = [services.event_register(actor=s, event_id=fair.pk)[0] for s in seekers]
    services.event_update(actor=operator, event_id=fair.pk, data=fair_input(quota=3))
    assert list(Registration.objects.order_by("id").values_list("status", flat=True)) == [
        "registered",
        "registered",
        "registered",
        "waitlisted",
        "waitlisted",
    ]
    assert regs[2].pk == Registration.objects.filter(status="registered").order_by("-id")[0].pk


def test_registration_refused_for_staff_and_after_the_event(fair, operator, seekers):
    with pytest.raises(DomainError) as exc:
        services.event_register(actor=operator, event_id=fair.pk)
    assert exc.value.code == "not_job_seeker"
    services.event_cancel(actor=operator, event_id=fair.pk)
    with pytest.raises(DomainError) as exc:
        services.event_register(actor=seekers[0], event_id=fair.pk)
    assert exc.value.code == "event_not_open"


@pytest.mark.parametrize(
    "field,value",
    [
        ("title", "ab"),
        ("kind", "party"),
        ("quota", -1),
        ("online_link", "javascript:alert(1)"),
        ("place", ""),
        ("title", "Bursa\x00kerja"),
    ],
)
def test_invalid_event_fields_are_refused_field_by_field(operator, field, value):
    with pytest.raises(DomainError) as exc:
        services.event_create(actor=operator, data=fair_input(**{field: value}))
    assert exc.value.code == "invalid_event"
    assert exc.value.fields


def test_an_event_must_end_after_it_starts(operator):
    start = timezone.now() + dt.timedelta(days=1)
    with pytest.raises(DomainError) as exc:
        services.event_create(
            actor=operator, data=fair_input(starts_at=start, ends_at=start - dt.timedelta(hours=1))
        )
    assert "ends_at" in exc.value.fields


def test_checkin_by_code_token_and_link(fair, seekers, operator):
    regs = [services.event_register(actor=s, event_id=fair.pk)[0] for s in seekers[:2]]
    typed = regs[0].ticket_code.lower().replace("-", " ")
    result = services.event_checkin(actor=operator, event_id=fair.pk, code=typed)
    assert (result.registration.pk, result.already) == (regs[0].pk, False)
    assert services.event_checkin(
        actor=operator, event_id=fair.pk, code=regs[0].ticket_code
    ).already
    link = tickets.checkin_url(regs[1])
    result = services.event_checkin(actor=operator, event_id=fair.pk, code=link)
    assert (result.registration.pk, result.already) == (regs[1].pk, False)
    assert Registration.objects.filter(status="attended").count() == 2


def test_checkin_refuses_forged_tokens_other_offices_and_waiting_places(
    fair, seekers, operator, other_operator
):
    regs = [services.event_register(actor=s, event_id=fair.pk)[0] for s in seekers[:3]]
    token = tickets.token_for(regs[0])
    with pytest.raises(DomainError) as exc:
        services.event_checkin(actor=operator, event_id=fair.pk, code=token[:-2] + "xx")
    assert exc.value.code == "ticket_not_found"
    with pytest.raises(DomainError) as exc:
        services.event_checkin(actor=other_operator, event_id=fair.pk, code=regs[0].ticket_code)
    assert exc.value.code == "event_not_found"
    with pytest.raises(DomainError) as exc:
        services.event_checkin(actor=operator, event_id=fair.pk, code=regs[2].ticket_code)
    assert exc.value.code == "ticket_not_valid"
    with pytest.raises(DomainError) as exc:
        services.event_checkin(actor=seekers[0], event_id=fair.pk, code=regs[0].ticket_code)
    assert exc.value.code == "forbidden"


def test_reminder_the_day_before_once(fair, seekers):
    regs = [services.event_register(actor=s, event_id=fair.pk)[0] for s in seekers[:3]]
    day_before = timezone.localtime(fair.starts_at).date() - dt.timedelta(days=1)
    assert services.event_reminders_send(today=day_before - dt.timedelta(days=1)) == 0
    assert services.event_reminders_send(today=day_before) == 2
    assert services.event_reminders_send(today=day_before) == 0
    assert kinds_to(seekers[0]) == ["event.registered", "event.reminder"]
    assert "event.reminder" not in kinds_to(seekers[2])  # waiting list
    assert regs[0].pk


def test_employers_must_be_verified_and_bring_their_own_published_vacancies(
    fair, operator, employer, published, employer_factory
):
    organisation = published.organisation
    services.event_employers_set(
        actor=operator,
        event_id=fair.pk,
        organisation_ids=[organisation.pk],
        vacancy_ids=[published.pk],
    )
    row = fair.employers.get()
    assert list(row.vacancies.all()) == [published]
    unverified = employer_factory(verified=False, nib="9120000000001", email="b@x.example.id")
    from pencaker.employers.selectors import organisation_of

    with pytest.raises(DomainError) as exc:
        services.event_employers_set(
            actor=operator, event_id=fair.pk, organisation_ids=[organisation_of(unverified).pk]
        )
    assert exc.value.code == "invalid_employer"


def test_a_hire_at_the_fair_goes_through_the_hire_report_and_becomes_a_placement(
    fair, operator, employer, published, seeker_with_card
):
    from pencaker.lifecycle.models import Placement
    from pencaker.vacancies import hire_reports

    services.event_employers_set(
        actor=operator, event_id=fair.pk, organisation_ids=[published.organisation_id]
    )
    registration, _ = services.event_register(actor=seeker_with_card, event_id=fair.pk)
    with pytest.raises(DomainError) as exc:
        services.fair_hire_report(
            actor=employer,
            event_id=fair.pk,
            registration_id=registration.pk,
            position="Pembuat Roti",
            start_date=timezone.localdate(),
            employment_type="contract",
            today=timezone.localdate(),
        )
    assert exc.value.code == "not_attended"
    services.event_checkin(actor=operator, event_id=fair.pk, code=registration.ticket_code)
    hire = services.fair_hire_report(
        actor=employer,
        event_id=fair.pk,
        registration_id=registration.pk,
        position="Pembuat Roti",
        start_date=timezone.localdate(),
        employment_type="contract",
        today=timezone.localdate(),
    )
    assert hire.hire_report.holder == seeker_with_card
    hire_reports.hire_report_decide(
        actor=seeker_with_card,
        report_id=hire.hire_report.pk,
        confirm=True,
        today=timezone.localdate(),
    )
    placement = Placement.objects.get(holder=seeker_with_card)
    assert placement.source == "employer"


def test_the_daily_task_sends_tomorrows_reminders(fair, seekers):
    from pencaker.events.tasks import event_reminders_task

    services.event_register(actor=seekers[0], event_id=fair.pk)
    day_before = timezone.localtime(fair.starts_at).date() - dt.timedelta(days=1)
    result = event_reminders_task.call(day_before.isoformat())
    assert result == {"reminded": 1}
