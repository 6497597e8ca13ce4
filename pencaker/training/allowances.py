"""Allowances (uang saku / insentif): the schedule per participant, the payment ledger and
the payment gateway.

The ledger never pays twice (docs/adr/0033):

* one ``Instalment`` row per (participant, instalment number) — a unique constraint;
* the row moves to ``sent`` and commits *before* the gateway is called, so a crash at any
  point leaves a row that says a payment may be under way;
* every call to the gateway carries the instalment's idempotency key, and a gateway pays
  one key at most once (as real disbursement APIs do; the logging gateway keeps the keys
  in ``GatewayPayment`` under a unique constraint);
* the job picks up rows left in ``sent`` and sends them again with the same key: the
  gateway answers with the first payment, and the row is confirmed.

The gateway is chosen by ``PENCAKER_PAYMENT_GATEWAY`` (a dotted path; default the logging
gateway, which records the payment and logs it — there is no real bank connection here).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import secrets
from typing import Any, Protocol

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from pencaker.cards.rules import add_months
from pencaker.core.audit import AuditAction, audit_record
from pencaker.training.models_running import (
    AllowanceBasis,
    FollowUp,
    GatewayPayment,
    Instalment,
    InstalmentStatus,
)
from pencaker.training.running_notices import participant_notify
from pencaker.training.running_workflow import instalment_move

logger = logging.getLogger(__name__)

#: Attempts before a failed payment stops being retried (the treasurer follows it up).
MAX_ATTEMPTS = 5
#: How long a failed payment waits before it is retried.
RETRY_AFTER = dt.timedelta(hours=1)


class GatewayError(Exception):
    """The gateway refused or could not take the payment (it did not pay this attempt)."""


class PaymentGateway(Protocol):
    def send(self, *, idempotency_key: str, amount: int, recipient: str) -> str:
        """Pay ``amount`` rupiah once per key; return the gateway's reference (the first
        payment's reference when the key was seen before). Raises ``GatewayError``."""

    def confirm(self, *, idempotency_key: str) -> bool:
        """Whether the payment under this key has settled. Raises ``GatewayError``."""


class LoggingGateway:
    """Records each payment (deduplicated on the key) and writes it to the log."""

    def send(self, *, idempotency_key: str, amount: int, recipient: str) -> str:
        existing = GatewayPayment.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing.reference
        try:
            with transaction.atomic():
                row = GatewayPayment.objects.create(
                    idempotency_key=idempotency_key,
                    reference="LOG-" + secrets.token_hex(6).upper(),
                    amount=amount,
                    recipient=recipient[:200],
                )
        except IntegrityError:
            row = GatewayPayment.objects.get(idempotency_key=idempotency_key)
        logger.info(
            "allowance paid: %s Rp %s to %s (%s)", row.reference, amount, recipient, idempotency_key
        )
        return row.reference

    def confirm(self, *, idempotency_key: str) -> bool:
        return GatewayPayment.objects.filter(idempotency_key=idempotency_key).exists()


def gateway_current() -> PaymentGateway:
    path = (
        getattr(settings, "PENCAKER_PAYMENT_GATEWAY", "")
        or "pencaker.training.allowances.LoggingGateway"
    )
    return import_string(path)()


# --- the schedule ----------------------------------------------------------------------------


def schedule_create(
    *, registration: Any, rule: Any, today: dt.date, actor: Any
) -> list[Instalment]:
    """The participant's instalments (at completion; running it again adds nothing)."""
    programme = registration.wave.programme
    if not programme.has_allowance or rule.allowance_instalments <= 0 or rule.allowance_amount <= 0:
        return []
    rows = []
    surveys = list(registration.follow_ups.order_by("due_on", "id"))
    for number in range(1, rule.allowance_instalments + 1):
        follow_up = None
        if rule.allowance_basis == AllowanceBasis.SURVEY:
            if number > len(surveys):
                break
            follow_up = surveys[number - 1]
            due_on = follow_up.due_on
        else:
            due_on = add_months(today, number - 1)
        row, created = Instalment.objects.get_or_create(
            registration=registration,
            number=number,
            defaults={
                "amount": rule.allowance_amount,
                "due_on": due_on,
                "follow_up": follow_up,
                "idempotency_key": f"pencaker-training-{registration.pk}-{number}-{secrets.token_hex(8)}",
            },
        )
        if created:
            instalment_history_start(row, actor)
        rows.append(row)
    if rows:
        audit_record(
            actor=actor,
            action=AuditAction.TRAINING_ALLOWANCE_SCHEDULED,
            obj=registration,
            office=programme.office,
            data={
                "instalments": len(rows),
                "amount": rule.allowance_amount,
                "basis": rule.allowance_basis,
            },
        )
    return rows


def instalment_history_start(row: Instalment, actor: Any) -> None:
    row.history.create(
        from_status="",
        to_status=InstalmentStatus.SCHEDULED,
        actor=actor if getattr(actor, "pk", None) else None,
    )


def survey_answered(*, follow_up: FollowUp, today: dt.date) -> None:
    """An instalment earned by this survey becomes payable today."""
    Instalment.objects.filter(
        follow_up=follow_up, status=InstalmentStatus.SCHEDULED, due_on__gt=today
    ).update(due_on=today)


def _payable(row: Instalment) -> bool:
    return row.follow_up is None or row.follow_up.answered_at is not None


def _recipient(registration: Any) -> str:
    seeker = registration.seeker
    profile = getattr(seeker, "seeker_profile", None)
    name = (profile.full_name if profile else "") or str(seeker)
    return f"{name} <{seeker.email or getattr(seeker, 'phone', '') or seeker.pk}>"


# --- paying ----------------------------------------------------------------------------------


def _locked(pk: int) -> Instalment:
    return (
        Instalment.objects.select_for_update(of=("self",))
        .select_related(
            "registration__wave__programme__office", "registration__seeker", "follow_up"
        )
        .get(pk=pk)
    )


def _audit_move(row: Instalment, to: str, data: dict[str, Any] | None = None) -> None:
    audit_record(
        actor=None,
        action=AuditAction.TRAINING_INSTALMENT_MOVED,
        obj=row,
        office=row.registration.wave.programme.office,
        data={"to": to, "number": row.number, **(data or {})},
    )


def instalment_pay(*, instalment_id: int, gateway: PaymentGateway) -> str:
    """Pay one instalment (or finish paying it after a crash). Returns its status.

    The gateway is called outside any transaction: a row lock is never held across a
    network call, and what the gateway did is never rolled back with our data.
    """
    with transaction.atomic():
        row = _locked(instalment_id)
        if row.status in {InstalmentStatus.SCHEDULED, InstalmentStatus.RETRIED}:
            if not _payable(row):
                return row.status
            row.attempts += 1
            row.sent_at = timezone.now()
            instalment_move(row, to=InstalmentStatus.SENT)
            _audit_move(row, InstalmentStatus.SENT, {"attempt": row.attempts})
        elif row.status != InstalmentStatus.SENT:
            return row.status
        key, amount, recipient = row.idempotency_key, row.amount, _recipient(row.registration)
    try:
        reference = gateway.send(idempotency_key=key, amount=amount, recipient=recipient)
    except GatewayError as exc:
        with transaction.atomic():
            row = _locked(instalment_id)
            if row.status != InstalmentStatus.SENT:
                return row.status
            row.last_error = str(exc)[:300]
            instalment_move(row, to=InstalmentStatus.FAILED, note=row.last_error)
            _audit_move(row, InstalmentStatus.FAILED, {"error": row.last_error})
            participant_notify(
                registration=row.registration,
                event="payment_failed",
                key=f"{row.pk}:{row.attempts}",
                instalment=row,
            )
            return row.status
    with transaction.atomic():
        row = _locked(instalment_id)
        if row.gateway_reference != reference:
            row.gateway_reference = reference
            row.save(update_fields=["gateway_reference"])
    try:
        settled = gateway.confirm(idempotency_key=key)
    except GatewayError:
        return InstalmentStatus.SENT  # asked again on the next run
    if not settled:
        return InstalmentStatus.SENT
    with transaction.atomic():
        row = _locked(instalment_id)
        if row.status != InstalmentStatus.SENT:
            return row.status
        row.confirmed_at = timezone.now()
        instalment_move(row, to=InstalmentStatus.CONFIRMED)
        _audit_move(row, InstalmentStatus.CONFIRMED, {"reference": reference})
        participant_notify(
            registration=row.registration, event="paid", key=str(row.pk), instalment=row
        )
        return row.status


def instalments_pay_due(
    *, today: dt.date | None = None, gateway: PaymentGateway | None = None
) -> dict[str, int]:
    """The scheduler's job: retry failed payments after a pause, pay what is due, and
    finish payments a crash left in ``sent``. Safe to run again at any time."""
    today = today or timezone.localdate()
    gateway = gateway or gateway_current()
    retry_before = timezone.now() - RETRY_AFTER
    for pk in Instalment.objects.filter(
        status=InstalmentStatus.FAILED, attempts__lt=MAX_ATTEMPTS, sent_at__lt=retry_before
    ).values_list("pk", flat=True):
        with transaction.atomic():
            row = _locked(pk)
            if row.status == InstalmentStatus.FAILED:
                instalment_move(row, to=InstalmentStatus.RETRIED)
                _audit_move(row, InstalmentStatus.RETRIED)
    counts: dict[str, int] = {}
    due = Instalment.objects.filter(
        status__in=[InstalmentStatus.SCHEDULED, InstalmentStatus.RETRIED, InstalmentStatus.SENT],
        due_on__lte=today,
    ).order_by("due_on", "pk")
    for pk in list(due.values_list("pk", flat=True)[:1000]):
        status = instalment_pay(instalment_id=pk, gateway=gateway)
        counts[status] = counts.get(status, 0) + 1
    return counts


# --- the treasurer's CSV ---------------------------------------------------------------------

CSV_COLUMNS = (
    "programme",
    "wave",
    "participant",
    "draw_id",
    "instalment",
    "due_on",
    "amount",
    "status",
    "attempts",
    "reference",
    "confirmed_at",
)


def treasurer_csv(*, programme: Any) -> str:
    """Every instalment of the programme and the totals per status (for the bendahara)."""
    rows = (
        Instalment.objects.filter(registration__wave__programme=programme)
        .select_related("registration__wave", "registration__seeker__seeker_profile")
        .order_by("registration__wave__number", "registration_id", "number")
    )
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    totals: dict[str, int] = {s.value: 0 for s in InstalmentStatus}
    for row in rows:
        registration = row.registration
        profile = getattr(registration.seeker, "seeker_profile", None)
        name = (profile.full_name if profile else "") or str(registration.seeker)
        totals[row.status] += row.amount
        writer.writerow(
            [
                _csv_safe(programme.title),
                registration.wave.number,
                _csv_safe(name),
                registration.public_id,
                row.number,
                row.due_on.isoformat(),
                row.amount,
                row.status,
                row.attempts,
                row.gateway_reference,
                timezone.localtime(row.confirmed_at).isoformat(timespec="seconds")
                if row.confirmed_at
                else "",
            ]
        )
    writer.writerow([])
    for status, amount in totals.items():
        writer.writerow(["total", status, "", "", "", "", amount])
    writer.writerow(["total", "all", "", "", "", "", sum(totals.values())])
    return out.getvalue()


def _csv_safe(text: str) -> str:
    # A cell starting with = + - @ is a formula to a spreadsheet: keep it text.
    return "'" + text if text[:1] in {"=", "+", "-", "@"} else text
