"""Reports, placements and renewal eligibility (the daily rules are in ``daily``; the
renewal request itself is submitted by applications; the office's lifecycle settings are
written by ``offices.services``).

Services are keyword-only, take the acting user (``None`` for the daily task) and the
day they act on (``today``), so tests and re-runs control the clock. Writes run in one
transaction with the card row locked; messages go through the outbox (delivered after
commit); the PDF of a re-issued card is rendered after commit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from pencaker.accounts.models import User
from pencaker.accounts.permissions import can_decide
from pencaker.cards.choices import CardStatus
from pencaker.cards.models import Card
from pencaker.cards.services import (
    PlacementLine,
    ReportLine,
    card_placement_print,
    card_report_print,
    card_status_change,
)
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import Conflict, DomainError, NotFound
from pencaker.lifecycle import notices
from pencaker.lifecycle.choices import (
    EventKind,
    PlacementArea,
    PlacementSource,
    ReportChannel,
    ReportOutcome,
    Sector,
)
from pencaker.lifecycle.errors import LifecycleErrorCode
from pencaker.lifecycle.events import registration_is_open, seeker_event_record
from pencaker.lifecycle.models import Placement, Report
from pencaker.lifecycle.schedule import next_slot
from pencaker.lifecycle.selectors import report_slot_open, rules_for_office
from pencaker.surveys.choices import InvitationReason
from pencaker.surveys.services import invitation_create

RENEWAL_DAYS_BEFORE_EXPIRY = 60


@dataclass(frozen=True)
class PlacementInput:
    employer: str
    position: str
    sector: str
    start_date: dt.date
    area: str


# --- Access ----------------------------------------------------------------------------------


def _locked_current_card(*, actor: User, card_number: str) -> tuple[Card, bool]:
    """The current version of a card, locked, if ``actor`` may act on it; and whether the
    actor acts as office staff."""
    card = (
        Card.objects.select_for_update()
        .select_related("office", "holder")
        .filter(number=card_number)
        .exclude(status=CardStatus.SUPERSEDED)
        .first()
    )
    not_found = NotFound(LifecycleErrorCode.NOT_FOUND, _("This card was not found."))
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
            LifecycleErrorCode.CARD_NOT_ACTIVE,
            _("This card is %(status)s, so there is nothing to report on it.")
            % {"status": str(CardStatus(card.status).label).lower()},
        )


def _officer_name(actor: User, staff: bool) -> str:
    with translation.override("id"):
        if staff:
            return actor.full_name or actor.email or actor.phone
        return _("Reported online by the holder")


# --- Reports ---------------------------------------------------------------------------------


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
    actor: User,
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
        raise DomainError(
            LifecycleErrorCode.INVALID_OUTCOME, _("Choose whether you are still looking for work.")
        )
    if outcome == ReportOutcome.EMPLOYED and placement is None:
        raise DomainError(LifecycleErrorCode.PLACEMENT_REQUIRED, _("Tell us about your new job."))
    with transaction.atomic():
        card, staff = _locked_current_card(actor=actor, card_number=card_number)
        _require_active(card)
        slot = report_slot_open(card=card, today=today)
        if slot is None:
            raise Conflict(LifecycleErrorCode.NO_REPORT_DUE, _no_report_message(card, today))
        if outcome == ReportOutcome.EMPLOYED and placement is not None:
            errors = _validate_placement(card, placement, today)
            if errors:
                raise DomainError(
                    LifecycleErrorCode.INVALID_PLACEMENT,
                    " ".join(errors.values()),
                    fields=errors,
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
            raise Conflict(
                LifecycleErrorCode.ALREADY_REPORTED, _("This report has already been made.")
            ) from None
        employed = outcome == ReportOutcome.EMPLOYED and placement is not None
        new = card_report_print(
            card=card,
            actor=actor,
            report=ReportLine(number=slot.number, on=today, officer=officer),
            placement=_placement_line(placement) if placement is not None and employed else None,
        )
        audit_record(
            actor=actor,
            action=AuditAction.LIFECYCLE_REPORT_RECORDED,
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


def _placement_line(placement: PlacementInput) -> PlacementLine:
    return PlacementLine(
        employer=placement.employer,
        position=placement.position,
        start_date=placement.start_date,
        area=placement.area,
    )


def _place(
    *,
    card: Card,
    actor: User,
    staff: bool,
    placement: PlacementInput,
    today: dt.date,
    source: str = "",
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
        source=source or (PlacementSource.OPERATOR if staff else PlacementSource.HOLDER),
        reported_on=today,
        recorded_by=actor,
    )
    # An employer is neither the holder nor the card's office: its hire (checked by the
    # vacancies app) moves the card as the system does, the placement row names who.
    card = card_status_change(
        card_id=card.pk,
        to=CardStatus.PLACED,
        actor=None if source == PlacementSource.EMPLOYER else actor,
        note=f"placement {row.pk}",
    )
    audit_record(
        actor=actor,
        action=AuditAction.LIFECYCLE_PLACEMENT_RECORDED,
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
    invitation = invitation_create(office=card.office, reason=InvitationReason.PLACEMENT_REPORTED)
    return getattr(invitation, "url", "") or ""


def placement_record(
    *, actor: User, card_number: str, placement: PlacementInput, today: dt.date
) -> Placement:
    """The holder (online) or an operator reports that the holder started work, at any
    time: the card is re-issued with the placement line filled and becomes "placed"."""
    with transaction.atomic():
        card, staff = _locked_current_card(actor=actor, card_number=card_number)
        if card.status != CardStatus.ACTIVE:
            raise Conflict(
                LifecycleErrorCode.CARD_NOT_ACTIVE,
                _("This card is %(status)s, so a new job cannot be recorded on it.")
                % {"status": str(CardStatus(card.status).label).lower()},
            )
        errors = _validate_placement(card, placement, today)
        if errors:
            raise DomainError(
                LifecycleErrorCode.INVALID_PLACEMENT,
                " ".join(errors.values()),
                fields=errors,
            )
        new = card_placement_print(card=card, actor=actor, placement=_placement_line(placement))
        return _place(card=new, actor=actor, staff=staff, placement=placement, today=today)


def placement_record_by_employer(
    *, actor: User, holder: User, placement: PlacementInput, today: dt.date
) -> Placement | None:
    """A verified employer (the vacancies app) hired the holder through Pencaker: the
    holder's current card, if active, is re-issued with the placement and becomes "placed";
    the placement's source is "employer". Returns None when the holder has no active card
    (nothing to record on). The caller holds the transaction and checked the employer."""
    card = (
        Card.objects.select_for_update()
        .select_related("office", "holder")
        .filter(holder=holder)
        .exclude(status=CardStatus.SUPERSEDED)
        .order_by("-issued_on", "-id")
        .first()
    )
    if card is None or card.status != CardStatus.ACTIVE:
        return None
    errors = _validate_placement(card, placement, today)
    if errors:
        raise DomainError(
            LifecycleErrorCode.INVALID_PLACEMENT, " ".join(errors.values()), fields=errors
        )
    new = card_placement_print(card=card, actor=actor, placement=_placement_line(placement))
    return _place(
        card=new,
        actor=actor,
        staff=False,
        placement=placement,
        today=today,
        source=PlacementSource.EMPLOYER,
    )


# --- Renewal ---------------------------------------------------------------------------------


def renewal_eligible(card: Card | None, today: dt.date) -> bool:
    if card is None:
        return False
    if card.status == CardStatus.EXPIRED:
        return True
    return card.status == CardStatus.ACTIVE and card.valid_until <= today + dt.timedelta(
        days=RENEWAL_DAYS_BEFORE_EXPIRY
    )
