"""Which types of AK/1 request apply to a person.

A renewal, a change of data and a replacement act on a card the person has had (any
version, in any status: an expired card is renewed, a lost one replaced). Someone who never
had a card can only ask for a new one.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from pencaker.accounts.models import User
from pencaker.applications.choices import ApplicationType
from pencaker.applications.errors import ApplicationErrorCode
from pencaker.cards.selectors import cards_of_holder
from pencaker.core.errors import DomainError

NEEDS_A_CARD = (
    ApplicationType.RENEWAL,
    ApplicationType.DATA_CHANGE,
    ApplicationType.REPLACEMENT,
)


def application_types_for(applicant: User) -> list[str]:
    """The request types ``applicant`` may submit, in the choices' order."""
    if cards_of_holder(applicant).exists():
        return list(ApplicationType.values)
    return [ApplicationType.NEW]


def application_type_check(*, applicant: User, type: str) -> None:
    """Refuse a type that needs a card from someone who never had one, saying why."""
    if type in NEEDS_A_CARD and not cards_of_holder(applicant).exists():
        message = _(
            "You have never had an AK/1 card, so there is no card to renew, change or "
            "replace. Choose “New card”."
        )
        raise DomainError(ApplicationErrorCode.TYPE_NEEDS_CARD, message, fields={"type": [message]})
