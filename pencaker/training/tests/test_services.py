"""Registration, withdrawal, confirmation and the wave's transitions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from pencaker.core.audit import AuditAction
from pencaker.core.errors import Conflict, DomainError, PermissionDenied
from pencaker.core.models import AuditEvent
from pencaker.notifications.models import Notification
from pencaker.training import services
from pencaker.training.choices import RegistrationStatus as R
from pencaker.training.choices import WaveStatus as W
from pencaker.training.errors import TrainingErrorCode as E
from pencaker.training.models import Registration, Wave
from pencaker.training.workflow import REGISTRATION_ALLOWED, WAVE_ALLOWED

pytestmark = pytest.mark.django_db


def test_register_in_one_step_from_the_profile(open_wave, seeker):
    registration, created = services.registration_create(actor=seeker, wave_id=open_wave.pk)
    assert created
    assert registration.status == R.REGISTERED
    assert len(registration.public_id) == 10
    assert [r["code"] for r in registration.eligibility] == ["age", "domicile"]
    assert registration.history.get().to_status == R.REGISTERED
    assert AuditEvent.objects.filter(action=AuditAction.TRAINING_REGISTERED).count() == 1
    assert Notification.objects.filter(kind="training.registered", recipient=seeker.email).exists()


def test_register_is_idempotent_with_the_same_key(open_wave, seeker):
    first, created = services.registration_create(
        actor=seeker, wave_id=open_wave.pk, idempotency_key="k-1"
    )
    again, created_again = services.registration_create(
        actor=seeker, wave_id=open_wave.pk, idempotency_key="k-1"
    )
    assert created and not created_again
    assert first.pk == again.pk
    assert Registration.objects.count() == 1


def test_register_twice_without_key_is_refused(open_wave, seeker):
    services.registration_create(actor=seeker, wave_id=open_wave.pk)
    with pytest.raises(Conflict) as exc:
        services.registration_create(actor=seeker, wave_id=open_wave.pk)
    assert exc.value.code == E.ALREADY_REGISTERED


def test_register_refused_when_a_rule_is_not_met(open_wave, seeker_factory):
    young = seeker_factory(birth_date=dt.date(2012, 1, 1))
    with pytest.raises(Conflict) as exc:
        services.registration_create(actor=young, wave_id=open_wave.pk)
    assert exc.value.code == E.NOT_ELIGIBLE
    assert [r["state"] for r in exc.value.details["rules"]] == ["unmet", "met"]


def test_register_needs_the_declaration_and_records_its_time(programme_factory, seeker):
    wave = programme_factory(rules=["age", "not_official", "not_in_education"])
    with pytest.raises(DomainError) as exc:
        services.registration_create(actor=seeker, wave_id=wave.pk)
    assert exc.value.code == E.DECLARATION_REQUIRED
    registration, _ = services.registration_create(actor=seeker, wave_id=wave.pk, declared=True)
    assert registration.declared_at is not None
    assert "TNI" in registration.declaration


def test_priority_needs_the_profile_flag(open_wave, seeker, seeker_factory):
    with pytest.raises(DomainError) as exc:
        services.registration_create(
            actor=seeker, wave_id=open_wave.pk, priority_group="disability"
        )
    assert exc.value.code == E.INVALID_PRIORITY
    disabled = seeker_factory(has_disability=True)
    registration, _ = services.registration_create(
        actor=disabled, wave_id=open_wave.pk, priority_group="disability"
    )
    assert registration.priority and registration.priority_group == "disability"


def test_phk_priority_needs_an_uploaded_document(programme_factory, seeker):
    wave = programme_factory(priority_groups=["phk"])
    with pytest.raises(DomainError) as exc:
        services.registration_create(actor=seeker, wave_id=wave.pk, priority_group="phk")
    assert "priority_document" in exc.value.fields


def test_staff_cannot_register(open_wave, operator):
    with pytest.raises(PermissionDenied):
        services.registration_create(actor=operator, wave_id=open_wave.pk)


def test_register_refused_outside_the_window(programme_factory, seeker):
    now = timezone.now()
    wave = programme_factory(
        wave={"opens_at": now + dt.timedelta(days=1), "closes_at": now + dt.timedelta(days=2)}
    )
    with pytest.raises(Conflict) as exc:
        services.registration_create(actor=seeker, wave_id=wave.pk)
    assert exc.value.code == E.NOT_OPEN


def test_register_refused_for_a_draft_programme(programme_factory, seeker):
    wave = programme_factory(publish=False)
    with pytest.raises(Exception) as exc:
        services.registration_create(actor=seeker, wave_id=wave.pk)
    assert getattr(exc.value, "code", "") == E.WAVE_NOT_FOUND


def test_withdraw_before_close_then_refused_after(open_wave, seeker, seeker_factory, operator):
    registration, _ = services.registration_create(actor=seeker, wave_id=open_wave.pk)
    services.registration_withdraw(actor=seeker, registration_id=registration.pk)
    assert Registration.objects.get(pk=registration.pk).status == R.WITHDRAWN
    other = seeker_factory()
    kept, _ = services.registration_create(actor=other, wave_id=open_wave.pk)
    services.wave_close(actor=operator, wave_id=open_wave.pk)
    with pytest.raises(Conflict) as exc:
        services.registration_withdraw(actor=other, registration_id=kept.pk)
    assert exc.value.code == E.WITHDRAW_CLOSED


def test_withdraw_someone_elses_registration_is_not_found(open_wave, seeker, seeker_factory):
    registration, _ = services.registration_create(actor=seeker, wave_id=open_wave.pk)
    with pytest.raises(DomainError) as exc:
        services.registration_withdraw(actor=seeker_factory(), registration_id=registration.pk)
    assert exc.value.code == E.REGISTRATION_NOT_FOUND


def test_confirm_after_the_deadline_is_refused(open_wave, seeker, operator):
    registration, _ = services.registration_create(actor=seeker, wave_id=open_wave.pk)
    services.wave_close(actor=operator, wave_id=open_wave.pk)
    services.wave_draw(actor=operator, wave_id=open_wave.pk)
    late = timezone.now() + dt.timedelta(days=4)
    with pytest.raises(Conflict) as exc:
        services.registration_confirm(actor=seeker, registration_id=registration.pk, now=late)
    assert exc.value.code == E.CONFIRM_EXPIRED
    done = services.registration_confirm(actor=seeker, registration_id=registration.pk)
    assert done.status == R.CONFIRMED
    assert (
        services.registration_confirm(actor=seeker, registration_id=registration.pk).pk == done.pk
    )
    assert Notification.objects.filter(kind="training.confirmed").count() == 1


def test_a_selected_registrant_who_withdraws_is_replaced(
    programme_factory, operator, seeker_factory
):
    wave = programme_factory(wave={"quota": 1, "priority_quota": 0})
    first, second = seeker_factory(), seeker_factory()
    a, _ = services.registration_create(actor=first, wave_id=wave.pk)
    b, _ = services.registration_create(actor=second, wave_id=wave.pk)
    services.wave_close(actor=operator, wave_id=wave.pk)
    services.wave_draw(actor=operator, wave_id=wave.pk)
    chosen = Registration.objects.get(wave=wave, status=R.SELECTED)
    services.registration_withdraw(actor=chosen.seeker, registration_id=chosen.pk)
    other = Registration.objects.exclude(pk=chosen.pk).get(wave=wave)
    assert other.status == R.SELECTED
    assert wave.replacements.get().replaced_by_id == other.pk


def test_scheduler_opens_and_closes_windows(programme_factory, operator):
    now = timezone.now()
    wave = programme_factory(
        wave={"opens_at": now + dt.timedelta(hours=1), "closes_at": now + dt.timedelta(hours=2)}
    )
    services.registrations_lapse_due(now=now + dt.timedelta(minutes=61))
    # the wave opened (it was already open from the fixture) or stays open
    assert Wave.objects.get(pk=wave.pk).status == W.REGISTRATION_OPEN
    services.registrations_lapse_due(now=now + dt.timedelta(hours=3))
    closed = Wave.objects.get(pk=wave.pk)
    assert closed.status == W.REGISTRATION_CLOSED
    assert len(closed.commitment) == 64


def test_scheduler_opens_an_announced_wave(programme_factory, operator):
    now = timezone.now()
    wave = programme_factory(
        publish=False,
        wave={"opens_at": now + dt.timedelta(hours=1), "closes_at": now + dt.timedelta(hours=5)},
    )
    services.programme_advance(actor=operator, programme_id=wave.programme_id, to="published")
    services.wave_advance(actor=operator, wave_id=wave.pk, to="published")
    services.registrations_lapse_due(now=now)
    assert Wave.objects.get(pk=wave.pk).status == W.PUBLISHED
    services.registrations_lapse_due(now=now + dt.timedelta(hours=2))
    assert Wave.objects.get(pk=wave.pk).status == W.REGISTRATION_OPEN


DISALLOWED_WAVE = [
    (src, dst) for src in W for dst in W if dst not in WAVE_ALLOWED[src] and src != dst
]


@pytest.mark.parametrize(("src", "dst"), DISALLOWED_WAVE)
def test_disallowed_wave_transitions(programme_factory, operator, src, dst):
    wave = programme_factory(publish=False)
    Wave.objects.filter(pk=wave.pk).update(status=src)
    with pytest.raises(Conflict):
        services.wave_advance(actor=operator, wave_id=wave.pk, to=dst)
    assert Wave.objects.get(pk=wave.pk).status == src


def test_registration_table_ends_in_final_states():
    finals = {s for s, targets in REGISTRATION_ALLOWED.items() if not targets}
    assert finals == {R.WITHDRAWN, R.LAPSED, R.NOT_SELECTED, R.COMPLETED, R.DROPPED_OUT}


def test_programme_publish_needs_a_wave(operator):
    from pencaker.training.tests.conftest import programme_data

    programme = services.programme_create(actor=operator, data=programme_data())
    with pytest.raises(Conflict):
        services.programme_advance(actor=operator, programme_id=programme.pk, to="published")


def test_other_office_staff_cannot_touch_the_wave(open_wave, other_operator):
    with pytest.raises(DomainError) as exc:
        services.wave_advance(actor=other_operator, wave_id=open_wave.pk, to="cancelled")
    assert exc.value.code == E.WAVE_NOT_FOUND


def test_wave_validation_messages(operator, open_wave):
    now = timezone.now()
    with pytest.raises(DomainError) as exc:
        services.wave_create(
            actor=operator,
            programme_id=open_wave.programme_id,
            data={
                "opens_at": now,
                "closes_at": now,
                "quota": 5,
                "priority_quota": 6,
                "method": "fcfs",
            },
        )
    assert set(exc.value.fields) == {"closes_at", "priority_quota"}


def test_starting_the_training_ends_the_waiting_list(programme_factory, operator, seeker_factory):
    wave = programme_factory(wave={"quota": 1, "priority_quota": 0})
    for _ in range(3):
        services.registration_create(actor=seeker_factory(), wave_id=wave.pk)
    services.wave_close(actor=operator, wave_id=wave.pk)
    services.wave_draw(actor=operator, wave_id=wave.pk)
    services.wave_advance(actor=operator, wave_id=wave.pk, to="running")
    assert Registration.objects.filter(wave=wave, status=R.NOT_SELECTED).count() == 2
