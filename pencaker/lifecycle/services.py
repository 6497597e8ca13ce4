"""Every write of the card lifecycle: reports, placements, renewal requests, office rules
and the daily rules (reminders, expiry, removal).

Services are keyword-only, take the acting user (``None`` for the daily task) and the
day they act on (``today``), so tests and re-runs control the clock. Writes run in one
transaction with the card row locked; messages go through the outbox (delivered after
commit); the PDF of a re-issued card is rendered after commit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from pencaker.accounts.models import Role
from pencaker.accounts.permissions import can_decide
from pencaker.cards.choices import CardStatus
from pencaker.cards.models import Card
from pencaker.cards.services import card_reissue
from pencaker.cards.workflow import move
from pencaker.core.audit import audit_record
from pencaker.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from pencaker.lifecycle import notices
from pencaker.lifecycle.choices import (
    EventKind,
    PlacementArea,
    PlacementSource,
    ReportChannel,
    ReportOutcome,
    Sector,
)
from pencaker.lifecycle.events import registration_is_open, seeker_event_record
from pencaker.lifecycle.models import LifecycleSettings, Placement, Report
from pencaker.lifecycle.schedule import ReportSlot, Rules, current_slot

RENEWAL_DAYS_BEFORE_EXPIRY = 60


@dataclass(frozen=True)
class PlacementInput:
    employer: str
    position: str
    sector: str
    start_date: dt.date
    area: str


# --- Rules ---------------------------------------------------------------------------------


def rules_for_office(office: Any) -> Rules:
    row = LifecycleSettings.objects.filter(office=office).first()
    if row is None:
        return Rules()
    return Rules(
        window_days_before=row.window_days_before,
        window_days_after=row.window_days_after,
        removal_enabled=row.removal_enabled,
        removal_grace_days=row.removal_grace_days,
        expiry_enabled=row.expiry_enabled,
    )


def lifecycle_settings_update(*, actor: Any, office: Any, **values: Any) -> LifecycleSettings:
    """Change an office's report window, removal and expiry rules (admin dinas only)."""
    if getattr(actor, "role", None) != Role.ADMIN_DINAS or actor.office_id != office.pk:
        raise PermissionDenied("forbidden", _("Only the office administrator can do this."))
    allowed = {f.name for f in LifecycleSettings._meta.fields} - {"id", "office"}
    unknown = set(values) - allowed
    if unknown:
        raise DomainError("invalid_setting", _("Unknown setting: %(name)s.") % {"name": unknown})
    with transaction.atomic():
        row, _created = LifecycleSettings.objects.select_for_update().get_or_create(office=office)
        before = {name: getattr(row, name) for name in values}
        for name, value in values.items():
            setattr(row, name, value)
        row.full_clean()
        row.save()
        audit_record(
            actor=actor,
            action="lifecycle.settings_changed",
            obj=row,
            office=office,
            data={"before": before, "after": values},
        )
    return row


# --- Access ----------------------------------------------------------------------------------


def _locked_current_card(*, actor: Any, card_number: str) -> tuple[Card, bool]:
    """The current version of a card, locked, if ``actor`` may act on it; and whether the
    actor acts as office staff."""
    card = (
        Card.objects.select_for_update()
        .select_related("office", "holder")
        .filter(number=card_number)
        .exclude(status=CardStatus.SUPERSEDED)
        .first()
    )
    not_found = NotFound("not_found", _("This card was not found."))
    if card is None or not getattr(actor, "pk", None):
        raise not_found
    if card.holder_id == actor.pk:
        return card, False
    if can_decide(actor, card.office_id):
        return card, True
    raise not_found


def _require_active(card: Card) -> None:
    if card.status != CardStatus.ACTIVE:
        raise Conflict(
            "card_not_active",
            _("This card is %(status)s, so there is nothing to report on it.")
            % {"status": str(CardStatus(card.status).label).lower()},
        )


def _officer_name(actor: Any, staff: bool) -> str:
    with translation.override("id"):
        if staff:
            return actor.full_name or actor.email
        return _("Reported online by the holder")


# --- Reports ---------------------------------------------------------------------------------


def report_slot_open(*, card: Card, today: dt.date) -> ReportSlot | None:
    """The report the holder can make on ``today``, or None (not yet, or already made)."""
    if card.status != CardStatus.ACTIVE or card.valid_until < today:
        return None
    slot = current_slot(card.issued_on, rules_for_office(card.office), today)
    if slot is None:
        return None
    done = Report.objects.filter(
        card_number=card.number, period_start=card.issued_on, number=slot.number
    ).exists()
    return None if done else slot


def _validate_placement(card: Card, placement: PlacementInput, today: dt.date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not placement.employer.strip():
        errors["employer"] = _("Write the name of the company or employer.")
    if not placement.position.strip():
        errors["position"] = _("Write your job title, for example: shop assistant.")
    if placement.sector not in Sector.values:
        errors["sector"] = _("Choose the kind of business.")
    if placement.area not in PlacementArea.values:
        errors["area"] = _("Choose where the job is.")
    ahead = settings.PENCAKER_PLACEMENT_MAX_DAYS_AHEAD
    if placement.start_date > today + dt.timedelta(days=ahead):
        errors["start_date"] = _(
            "The start date is more than %(days)s days ahead. Report the job once you know "
            "your first day, at most %(days)s days before it."
        ) % {"days": ahead}
    elif placement.start_date < card.issued_on:
        errors["start_date"] = _(
            "The start date is before your card was issued (%(date)s). Check the date."
        ) % {"date": card.issued_on.strftime("%d-%m-%Y")}
    return errors


def report_record(
    *,
    actor: Any,
    card_number: str,
    outcome: str,
    today: dt.date,
    placement: PlacementInput | None = None,
) -> Report:
    """Record the holder's report (online) or a report made at the counter (staff).

    Still seeking: the Laporan row of the report is filled and the card re-issued.
    Employed: the same, plus the placement (card becomes "placed"), in one step.
    """
    if outcome not in ReportOutcome.values:
        raise DomainError("invalid_outcome", _("Choose whether you are still looking for work."))
    if outcome == ReportOutcome.EMPLOYED and placement is None:
        raise DomainError("placement_required", _("Tell us about your new job."))
    with transaction.atomic():
        card, staff = _locked_current_card(actor=actor, card_number=card_number)
        _require_active(card)
        slot = report_slot_open(card=card, today=today)
        if slot is None:
            raise Conflict("no_report_due", _no_report_message(card, today))
        if outcome == ReportOutcome.EMPLOYED and placement is not None:
            errors = _validate_placement(card, placement, today)
            if errors:
                raise DomainError(
                    "invalid_placement", " ".join(errors.values()), details={"fields": errors}
                )
        officer = _officer_name(actor, staff)
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    holder_id=card.holder_id,
                    office_id=card.office_id,
                    card_number=card.number,
                    period_start=card.issued_on,
                    number=slot.number,
                    due_on=slot.due_on,
                    reported_on=today,
                    outcome=outcome,
                    channel=ReportChannel.COUNTER if staff else ReportChannel.ONLINE,
                    officer_name=officer,
                    recorded_by=actor,
                )
        except IntegrityError:
            raise Conflict("already_reported", _("This report has already been made.")) from None
        rows = [r for r in card.data.get("reports") or [] if r.get("n") != slot.number]
        rows.append({"n": slot.number, "date": today.isoformat(), "officer": officer})
        changes: dict[str, Any] = {"reports": sorted(rows, key=lambda r: r["n"])}
        if outcome == ReportOutcome.EMPLOYED and placement is not None:
            changes["placement"] = _placement_print(placement)
        new = card_reissue(
            card=card, actor=actor, data_changes=changes, note=f"report {slot.number}"
        )
        audit_record(
            actor=actor,
            action="lifecycle.report_recorded",
            obj=report,
            office=card.office,
            data={"card": card.number, "number": slot.number, "outcome": outcome},
        )
        if outcome == ReportOutcome.EMPLOYED and placement is not None:
            _place(card=new, actor=actor, staff=staff, placement=placement, today=today)
        else:
            seeker_event_record(
                kind=EventKind.REPORTED, card=new, on=today, note=f"report {slot.number}"
            )
    return report


def _no_report_message(card: Card, today: dt.date) -> str:
    from pencaker.lifecycle.schedule import next_slot

    reported = set(
        Report.objects.filter(card_number=card.number, period_start=card.issued_on).values_list(
            "number", flat=True
        )
    )
    upcoming = next_slot(card.issued_on, rules_for_office(card.office), today, reported)
    if upcoming is None or upcoming.opens_on <= today:
        return _("There is no report to make on this card now.")
    return _("Your next report can be made from %(date)s.") % {
        "date": upcoming.opens_on.strftime("%d-%m-%Y")
    }


# --- Placement -------------------------------------------------------------------------------


def _placement_print(placement: PlacementInput) -> dict[str, str]:
    return {
        "employer": placement.employer.strip(),
        "position": placement.position.strip(),
        "date": placement.start_date.isoformat(),
        "area": placement.area,
    }


def _place(
    *, card: Card, actor: Any, staff: bool, placement: PlacementInput, today: dt.date
) -> Placement:
    """Record the placement on ``card`` (the current version, locked, placement already
    printed in its data), move it to "placed", record the event, thank and invite."""
    row = Placement.objects.create(
        holder_id=card.holder_id,
        office_id=card.office_id,
        card=card,
        employer=placement.employer.strip(),
        position=placement.position.strip(),
        sector=placement.sector,
        start_date=placement.start_date,
        area=placement.area,
        source=PlacementSource.OPERATOR if staff else PlacementSource.HOLDER,
        reported_on=today,
        recorded_by=actor,
    )
    move(card, to=CardStatus.PLACED, actor=actor, note=f"placement {row.pk}")
    audit_record(
        actor=actor,
        action="lifecycle.placement_recorded",
        obj=row,
        office=card.office,
        data={"card": card.number, "area": placement.area, "sector": placement.sector},
    )
    if registration_is_open(card.holder):
        seeker_event_record(
            kind=EventKind.PLACED, card=card, on=today, placement_area=placement.area
        )
    survey_url = _survey_invitation(card)
    notices.placement_thanks(card=card, placement=row, survey_url=survey_url)
    return row


def _survey_invitation(card: Card) -> str:
    try:
        from pencaker.surveys.services import invitation_create
    except ImportError:  # pragma: no cover - the survey app is optional
        return ""
    invitation = invitation_create(office=card.office, reason="placement_reported")
    return getattr(invitation, "url", "") or ""


def placement_record(
    *, actor: Any, card_number: str, placement: PlacementInput, today: dt.date
) -> Placement:
    """The holder (online) or an operator reports that the holder started work, at any
    time: the card is re-issued with the placement line filled and becomes "placed"."""
    with transaction.atomic():
        card, staff = _locked_current_card(actor=actor, card_number=card_number)
        if card.status != CardStatus.ACTIVE:
            raise Conflict(
                "card_not_active",
                _("This card is %(status)s, so a new job cannot be recorded on it.")
                % {"status": str(CardStatus(card.status).label).lower()},
            )
        errors = _validate_placement(card, placement, today)
        if errors:
            raise DomainError(
                "invalid_placement", " ".join(errors.values()), details={"fields": errors}
            )
        new = card_reissue(
            card=card,
            actor=actor,
            data_changes={"placement": _placement_print(placement)},
            note="placement",
        )
        return _place(card=new, actor=actor, staff=staff, placement=placement, today=today)


# --- Renewal ---------------------------------------------------------------------------------


def renewal_eligible(card: Card | None, today: dt.date) -> bool:
    if card is None:
        return False
    if card.status == CardStatus.EXPIRED:
        return True
    return card.status == CardStatus.ACTIVE and card.valid_until <= today + dt.timedelta(
        days=RENEWAL_DAYS_BEFORE_EXPIRY
    )


def renewal_request(*, actor: Any, today: dt.date, ip_address: str | None = None) -> Any:
    """One click: submit an application of type renewal from the holder's profile (no
    data to type again). Clicking twice returns the same application."""
    from pencaker.applications.services import application_submit
    from pencaker.cards.selectors import card_current_of_holder

    card = card_current_of_holder(actor)
    if not renewal_eligible(card, today):
        raise Conflict(
            "renewal_not_possible",
            _("A renewal is possible when your card has expired or expires within %(days)s days.")
            % {"days": RENEWAL_DAYS_BEFORE_EXPIRY},
        )
    assert card is not None
    application, _created = application_submit(
        actor=actor,
        type="renewal",
        idempotency_key=f"renewal:{card.number}:{card.issued_on.isoformat()}",
        ip_address=ip_address,
    )
    return application


# --- Daily rules -------------------------------------------------------------------------------


@dataclass
class DailyResult:
    expired: int = 0
    removed: int = 0
    reminders_due: int = 0
    reminders_overdue: int = 0
    messages: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _expire(card_id: int, today: dt.date) -> bool:
    with transaction.atomic():
        card = Card.objects.select_for_update().select_related("office", "holder").get(pk=card_id)
        if card.status != CardStatus.ACTIVE or card.valid_until >= today:
            return False
        move(card, to=CardStatus.EXPIRED, actor=None, note="valid_until passed")
        audit_record(
            actor=None,
            action="lifecycle.card_expired",
            obj=card,
            office=card.office,
            data={"valid_until": card.valid_until.isoformat()},
        )
        if registration_is_open(card.holder):
            seeker_event_record(kind=EventKind.EXPIRED, card=card, on=today)
        notices.card_expired(card=card)
    return True


def _remove(card_id: int, slot: ReportSlot, today: dt.date) -> bool:
    with transaction.atomic():
        card = Card.objects.select_for_update().select_related("office", "holder").get(pk=card_id)
        if card.status != CardStatus.ACTIVE:
            return False
        if Report.objects.filter(
            card_number=card.number, period_start=card.issued_on, number=slot.number
        ).exists():
            return False
        reason = f"report {slot.number} due {slot.due_on.isoformat()} not made"
        move(card, to=CardStatus.REMOVED, actor=None, note=reason)
        audit_record(
            actor=None,
            action="lifecycle.holder_removed",
            obj=card,
            office=card.office,
            data={"report": slot.number, "due_on": slot.due_on.isoformat(), "reason": reason},
        )
        if registration_is_open(card.holder):
            seeker_event_record(kind=EventKind.REMOVED, card=card, on=today, note=reason)
        notices.card_removed(card=card, slot=slot)
    return True


def _remind(card: Card, slot: ReportSlot, rules: Rules, today: dt.date, result: DailyResult):
    if today <= slot.closes_on:
        kind = "due"
    else:
        kind = "overdue"
    with transaction.atomic():
        sent = notices.report_reminder(
            card=card, slot=slot, kind=kind, removal_enabled=rules.removal_enabled
        )
    result.messages += sent
    if sent and kind == "due":
        result.reminders_due += 1
    elif sent:
        result.reminders_overdue += 1


def lifecycle_daily(*, today: dt.date, office: Any = None) -> DailyResult:
    """Apply the office rules for ``today``: expire cards past their two years, remove
    holders whose missed report is past the grace period, remind holders whose report is
    due or overdue. Idempotent: a second run on the same day changes and sends nothing
    new (status checks under row locks; dedupe keys on every message)."""
    result = DailyResult()
    rules_cache: dict[int, Rules] = {}
    cards = Card.objects.filter(status=CardStatus.ACTIVE).select_related("office", "holder")
    if office is not None:
        cards = cards.filter(office=office)
    for card in cards.order_by("id").iterator(chunk_size=500):
        rules = rules_cache.get(card.office_id)
        if rules is None:
            rules = rules_cache[card.office_id] = rules_for_office(card.office)
        try:
            if card.valid_until < today:
                if rules.expiry_enabled and _expire(card.pk, today):
                    result.expired += 1
                continue
            slot = current_slot(card.issued_on, rules, today)
            if slot is None:
                continue
            if Report.objects.filter(
                card_number=card.number, period_start=card.issued_on, number=slot.number
            ).exists():
                continue
            if rules.removal_enabled and today >= slot.removal_on:
                if _remove(card.pk, slot, today):
                    result.removed += 1
                continue
            if not rules.removal_enabled and today >= slot.removal_on:
                continue  # missed; with removal off the holder is not chased for ever
            _remind(card, slot, rules, today, result)
        except Exception as exc:  # noqa: BLE001 - one bad card must not stop the others
            result.errors.append(f"{card.number} v{card.version}: {type(exc).__name__}: {exc}")
    return result
