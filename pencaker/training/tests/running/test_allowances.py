"""The allowance ledger never pays twice: the gateway fails (or the process dies) before
the send, after the send before the confirmation, and on the confirmation; the job runs
again; every instalment ends paid exactly once. The gateway dedupes on the idempotency
key, as real disbursement gateways do."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from pencaker.training import allowances, services_running
from pencaker.training.models_running import GatewayPayment, Instalment, InstalmentStatus

pytestmark = pytest.mark.django_db


class Crash(Exception):
    """The process died (not a gateway answer): nothing after it runs."""


class FakeGateway:
    """Pays a key at most once; fails once at the named step for the chosen keys."""

    def __init__(self, fail_at: str = "", keys: set[str] | None = None, declined: bool = False):
        self.paid: dict[str, int] = {}
        self.references: dict[str, str] = {}
        self.fail_at = fail_at
        self.keys = keys
        self.declined = declined
        self.failed: set[str] = set()

    def _fails(self, step: str, key: str) -> bool:
        if (
            self.fail_at != step
            or key in self.failed
            or (self.keys is not None and key not in self.keys)
        ):
            return False
        self.failed.add(key)
        return True

    def send(self, *, idempotency_key: str, amount: int, recipient: str) -> str:
        if self._fails("before_send", idempotency_key):
            if self.declined:
                raise allowances.GatewayError("bank unreachable")
            raise Crash
        if idempotency_key not in self.references:
            self.paid[idempotency_key] = self.paid.get(idempotency_key, 0) + 1
            self.references[idempotency_key] = f"REF-{len(self.references) + 1}"
        if self._fails("after_send", idempotency_key):
            raise Crash
        return self.references[idempotency_key]

    def confirm(self, *, idempotency_key: str) -> bool:
        if self._fails("on_confirm", idempotency_key):
            raise Crash
        return idempotency_key in self.references


@pytest.fixture
def completed(running_wave, operator):
    ids = set(running_wave.registrations.values_list("pk", flat=True))
    for session in running_wave.sessions.all():
        services_running.attendance_mark(actor=operator, session_id=session.pk, present_ids=ids)
    services_running.wave_complete(
        actor=operator, wave_id=running_wave.pk, scores=dict.fromkeys(ids, 80)
    )
    return running_wave


def _all_due():
    return timezone.localdate() + dt.timedelta(days=200)


def _run_until_quiet(gateway, today):
    for _attempt in range(10):
        try:
            allowances.instalments_pay_due(today=today, gateway=gateway)
        except Crash:
            continue  # the process died; the scheduler starts it again
        if not Instalment.objects.exclude(status=InstalmentStatus.CONFIRMED).exists():
            return


def test_completion_schedules_three_monthly_instalments_per_participant(completed):
    rows = list(Instalment.objects.order_by("registration_id", "number"))
    assert len(rows) == 6
    assert {r.status for r in rows} == {InstalmentStatus.SCHEDULED}
    first = [r for r in rows if r.number == 1]
    assert all(r.due_on == timezone.localdate() for r in first)
    assert len({r.idempotency_key for r in rows}) == 6


@pytest.mark.parametrize("step", ["before_send", "after_send", "on_confirm"])
def test_a_crash_at_each_step_then_a_restart_pays_each_instalment_once(completed, step):
    gateway = FakeGateway(fail_at=step)
    _run_until_quiet(gateway, _all_due())
    rows = list(Instalment.objects.all())
    assert len(rows) == 6
    assert all(r.status == InstalmentStatus.CONFIRMED for r in rows)
    assert gateway.paid == {r.idempotency_key: 1 for r in rows}
    assert gateway.failed == {r.idempotency_key for r in rows}, "each one crashed once"
    assert all(r.gateway_reference == gateway.references[r.idempotency_key] for r in rows)


def test_a_declined_payment_fails_is_retried_and_paid_once(completed):
    row = Instalment.objects.filter(number=1).first()
    gateway = FakeGateway(fail_at="before_send", keys={row.idempotency_key}, declined=True)
    allowances.instalments_pay_due(today=timezone.localdate(), gateway=gateway)
    row.refresh_from_db()
    assert row.status == InstalmentStatus.FAILED
    assert row.last_error == "bank unreachable"
    # Not retried at once; after the pause the job moves it to retried and pays it.
    allowances.instalments_pay_due(today=timezone.localdate(), gateway=gateway)
    row.refresh_from_db()
    assert row.status == InstalmentStatus.FAILED
    Instalment.objects.filter(pk=row.pk).update(sent_at=timezone.now() - dt.timedelta(hours=2))
    allowances.instalments_pay_due(today=timezone.localdate(), gateway=gateway)
    row.refresh_from_db()
    assert row.status == InstalmentStatus.CONFIRMED
    assert row.attempts == 2
    assert list(row.history.values_list("to_status", flat=True)) == [
        "scheduled",
        "sent",
        "failed",
        "retried",
        "sent",
        "confirmed",
    ]
    assert gateway.paid[row.idempotency_key] == 1


def test_instalments_not_yet_due_wait(completed):
    gateway = FakeGateway()
    allowances.instalments_pay_due(today=timezone.localdate(), gateway=gateway)
    assert Instalment.objects.filter(status=InstalmentStatus.CONFIRMED).count() == 2
    assert Instalment.objects.filter(status=InstalmentStatus.SCHEDULED).count() == 4


def test_the_logging_gateway_dedupes_on_the_key_and_the_job_is_idempotent(completed):
    gateway = allowances.LoggingGateway()
    assert gateway.send(idempotency_key="k1", amount=5, recipient="x") == gateway.send(
        idempotency_key="k1", amount=5, recipient="x"
    )
    assert GatewayPayment.objects.filter(idempotency_key="k1").count() == 1
    allowances.instalments_pay_due(today=_all_due(), gateway=gateway)
    allowances.instalments_pay_due(today=_all_due(), gateway=gateway)
    assert GatewayPayment.objects.exclude(idempotency_key="k1").count() == 6
    assert Instalment.objects.filter(status=InstalmentStatus.CONFIRMED).count() == 6


def test_payment_messages_go_through_the_outbox_once(completed):
    from pencaker.notifications.models import Notification

    allowances.instalments_pay_due(today=timezone.localdate(), gateway=FakeGateway())
    allowances.instalments_pay_due(today=timezone.localdate(), gateway=FakeGateway())
    paid = Notification.objects.filter(kind="training.paid")
    assert paid.count() == 2
    assert "Rp 600000" in paid.first().body


def test_the_treasurer_csv_lists_every_instalment_with_totals(completed):
    allowances.instalments_pay_due(today=timezone.localdate(), gateway=FakeGateway())
    text = allowances.treasurer_csv(programme=completed.programme)
    lines = text.strip().splitlines()
    assert lines[0].startswith("programme,wave,participant")
    assert sum(1 for line in lines if ",confirmed," in line and not line.startswith("total")) == 2
    assert "total,confirmed,,,,,1200000" in text
    assert "total,scheduled,,,,,2400000" in text
    assert "total,all,,,,,3600000" in text


def test_survey_basis_pays_only_after_the_survey_is_answered(office, seeker_factory, operator):
    from pencaker.training.tests.running.conftest import make_running_wave

    user = seeker_factory(full_name="Ani")
    wave = make_running_wave(
        office, participants=[user], sessions=1, allowance=(250_000, 3, "survey")
    )
    registration = wave.registrations.get()
    services_running.attendance_mark(
        actor=operator, session_id=wave.sessions.get().pk, present_ids={registration.pk}
    )
    services_running.wave_complete(actor=operator, wave_id=wave.pk, scores={registration.pk: 90})
    gateway = FakeGateway()
    allowances.instalments_pay_due(today=_all_due(), gateway=gateway)
    assert gateway.paid == {}
    first = registration.follow_ups.get(kind="completion")
    services_running.follow_up_answer(
        actor=user, follow_up_id=first.pk, working="yes", using_skill="no"
    )
    allowances.instalments_pay_due(today=timezone.localdate(), gateway=gateway)
    assert (
        Instalment.objects.get(registration=registration, number=1).status
        == InstalmentStatus.CONFIRMED
    )
    assert (
        Instalment.objects.get(registration=registration, number=2).status
        == InstalmentStatus.SCHEDULED
    )
    assert len(gateway.paid) == 1
