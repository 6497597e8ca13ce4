"""An employer reports the hire of an AK/1 holder who did not apply through Pencaker
(issue 11, item 5): the verified employer enters the card number and the holder's birth
date (as the public check does), the position, first day and employment type; the holder
is told and confirms or declines it on their lifecycle page (registered with lifecycle's
``holder_action_source_register``). On confirmation the placement is recorded with source
"employer" through ``lifecycle.services.placement_record_by_employer``; the holder may
still dispute it there (``lifecycle.disputes``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.cards.choices import CardStatus
from pencaker.cards.models import Card
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from pencaker.core.links import absolute_url
from pencaker.employers.selectors import organisation_of
from pencaker.lifecycle.choices import PlacementArea, Sector
from pencaker.lifecycle.selectors import HolderAction
from pencaker.lifecycle.services import PlacementInput, placement_record_by_employer
from pencaker.notifications.services import notification_contact, notification_queue_templated
from pencaker.vacancies.choices import EmploymentType, HireReportStatus
from pencaker.vacancies.errors import VacancyErrorCode as E
from pencaker.vacancies.models import HireReport
from pencaker.vacancies.placement import KBLI_SECTION_SECTOR


def _card_not_found() -> NotFound:
    return NotFound(
        E.CARD_NOT_FOUND,
        _("No active AK/1 card matches this number and birth date. Check both."),
    )


def _sector(organisation: Any) -> str:
    node = organisation.sector
    while node is not None and node.parent_id is not None:
        node = node.parent
    return KBLI_SECTION_SECTOR.get(node.code if node is not None else "", Sector.OTHER_SERVICES)


def hire_report_create(
    *,
    actor: Any,
    card_number: str,
    birth_date: dt.date | None,
    position: str,
    start_date: dt.date | None,
    employment_type: str,
    today: dt.date,
    ip_address: str | None = None,
) -> HireReport:
    organisation = organisation_of(actor)
    if organisation is None:
        raise PermissionDenied(E.NOT_EMPLOYER, _("Only employer accounts can do this."))
    if not organisation.is_verified:
        raise PermissionDenied(
            E.NOT_VERIFIED,
            _("Your organisation is not verified yet: hires can be reported once it is."),
        )
    errors: dict[str, list[str]] = {}
    card_number = (card_number or "").strip()
    position = " ".join((position or "").split())
    if not card_number:
        errors["card_number"] = [_("Enter the AK/1 card number.")]
    if birth_date is None:
        errors["birth_date"] = [_("Enter the holder's birth date.")]
    if not position:
        errors["position"] = [_("Write the job title.")]
    elif len(position) > 150:
        errors["position"] = [_("Use at most 150 characters.")]
    ahead = settings.PENCAKER_PLACEMENT_MAX_DAYS_AHEAD
    if start_date is None:
        errors["start_date"] = [_("Enter the first day of work.")]
    elif start_date > today + dt.timedelta(days=ahead):
        errors["start_date"] = [
            _("The first day is more than %(days)s days ahead.") % {"days": ahead}
        ]
    if employment_type not in EmploymentType.values:
        errors["employment_type"] = [_("Choose the employment type.")]
    if errors or start_date is None:
        raise DomainError(E.INVALID_HIRE_REPORT, _("Check the marked fields."), fields=errors)
    with transaction.atomic():
        card = (
            Card.objects.select_for_update()
            .select_related("holder", "office")
            .filter(number=card_number, birth_date=birth_date)
            .exclude(status=CardStatus.SUPERSEDED)
            .first()
        )
        if card is None or card.status != CardStatus.ACTIVE:
            raise _card_not_found()
        try:
            with transaction.atomic():
                report = HireReport.objects.create(
                    organisation=organisation,
                    reported_by=actor,
                    holder=card.holder,
                    card_number=card.number,
                    position=position,
                    start_date=start_date,
                    employment_type=employment_type,
                )
        except IntegrityError:
            raise Conflict(
                E.HIRE_REPORT_PENDING,
                _("You have already reported this hire; the holder has not answered yet."),
            ) from None
        audit_record(
            actor=actor,
            action=AuditAction.VACANCY_HIRE_REPORTED,
            obj=report,
            office=card.office,
            ip_address=ip_address,
            data={"card": card.number, "organisation": organisation.pk},
        )
        _notify(report, "hire_report_received")
    return report


def _notify(report: HireReport, event: str) -> None:
    if event == "hire_report_received":
        # The holder: by email, or by SMS to a phone-only account (ADR 0032).
        contact = notification_contact(report.holder)
    else:
        contact = ("email", report.organisation.email) if report.organisation.email else None
    if contact is None:
        return
    channel, recipient = contact
    notification_queue_templated(
        channel=channel,
        recipient=recipient,
        kind=f"vacancy.{event}",
        template=f"vacancies/email/{event}",
        context={
            "report": report,
            "organisation": report.organisation,
            "url": absolute_url(reverse("lifecycle:home")),
        },
        language=settings.LANGUAGE_CODE,
        dedupe_key=f"hire_report:{report.pk}:{event}",
    )


def hire_report_decide(*, actor: Any, report_id: int, confirm: bool, today: dt.date) -> HireReport:
    """The holder confirms (placement recorded) or declines an employer's hire report."""
    with transaction.atomic():
        report = (
            HireReport.objects.select_for_update()
            .select_related("organisation", "holder")
            .filter(pk=report_id, holder_id=getattr(actor, "pk", None))
            .first()
        )
        if report is None:
            raise NotFound(E.HIRE_REPORT_NOT_FOUND, _("This report was not found."))
        if report.status != HireReportStatus.PENDING:
            raise Conflict(E.HIRE_REPORT_CLOSED, _("You have already answered this report."))
        if confirm:
            card = (
                Card.objects.filter(holder=report.holder)
                .exclude(status=CardStatus.SUPERSEDED)
                .order_by("-issued_on", "-id")
                .first()
            )
            area = (
                PlacementArea.AKL
                if card is not None and card.office_id == report.organisation.office_id
                else PlacementArea.AKAD
            )
            # As a hire through a vacancy: the employer who reported it records the
            # placement (the card's new version names them); the holder's word is audited.
            placement = placement_record_by_employer(
                actor=report.reported_by or actor,
                holder=report.holder,
                placement=PlacementInput(
                    employer=report.organisation.legal_name,
                    position=report.position,
                    sector=_sector(report.organisation),
                    start_date=report.start_date,
                    area=area,
                ),
                today=today,
            )
            if placement is None:
                raise Conflict(
                    E.CARD_NOT_ACTIVE,
                    _("Your card is no longer active, so the job cannot be recorded on it."),
                )
            report.placement_id = placement.pk
            report.status = HireReportStatus.CONFIRMED
            action = AuditAction.VACANCY_HIRE_REPORT_CONFIRMED
        else:
            report.status = HireReportStatus.DECLINED
            action = AuditAction.VACANCY_HIRE_REPORT_DECLINED
        report.decided_at = timezone.now()
        report.save(update_fields=["status", "decided_at", "placement_id"])
        audit_record(
            actor=actor,
            action=action,
            obj=report,
            office=report.organisation.office,
            data={"card": report.card_number, "placement": report.placement_id},
        )
        _notify(report, f"hire_report_{report.status}")
    return report


def hire_reports_pending_actions(holder: Any) -> list[HolderAction]:
    """The holder's pending hire reports, for lifecycle's page (registered in ``ready``)."""
    rows = HireReport.objects.filter(holder=holder, status=HireReportStatus.PENDING)
    return [
        HolderAction(
            title=_("%(employer)s reports that you work there")
            % {"employer": r.organisation.legal_name},
            text=_("Position: %(position)s, from %(date)s. Is this right?")
            % {"position": r.position, "date": r.start_date.strftime("%d-%m-%Y")},
            confirm_url=reverse("vacancies:hire_report_confirm", args=[r.pk]),
            decline_url=reverse("vacancies:hire_report_decline", args=[r.pk]),
        )
        for r in rows.select_related("organisation")
    ]
