"""Deciding a move of a record between offices, where a request may still be open.

A request is reviewed by the office that holds the record (ADR 0015): while one is open
there, the record does not move, so the reviewing office keeps the profile and the
documents it is checking and the receiving office gains nothing. Seekers owns the
transfer; this upper layer adds the one rule that needs the requests.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from pencaker.accounts.models import User
from pencaker.applications.choices import OPEN_STATUSES
from pencaker.applications.errors import ApplicationErrorCode
from pencaker.applications.models import Application
from pencaker.core.errors import DomainError
from pencaker.seekers import services as seekers
from pencaker.seekers.models import OfficeTransfer


def transfer_accept(*, actor: User, transfer_id: int) -> OfficeTransfer:
    """Accept the transfer unless the person has a request open in the sending office."""
    with transaction.atomic():
        transfer = (
            OfficeTransfer.objects.select_related("profile", "from_office")
            .filter(pk=transfer_id)
            .first()
        )
        if transfer is not None and transfer.to_office_id == actor.office_id:
            open_request = (
                Application.objects.select_for_update()
                .filter(
                    applicant_id=transfer.profile.user_id,
                    office_id=transfer.from_office_id,
                    status__in=OPEN_STATUSES,
                )
                .exists()
            )
            if open_request:
                raise DomainError(
                    ApplicationErrorCode.TRANSFER_REQUEST_OPEN,
                    _(
                        "This person has an AK/1 request open at %(office)s. The record moves "
                        "once that request is decided or withdrawn; accept the transfer then."
                    )
                    % {"office": transfer.from_office.name},
                    status=409,
                )
        return seekers.transfer_accept(actor=actor, transfer_id=transfer_id)


def transfer_decline(*, actor: User, transfer_id: int, note: str = "") -> OfficeTransfer:
    return seekers.transfer_decline(actor=actor, transfer_id=transfer_id, note=note)
