"""The status tags of cards (``pencaker.core.status_tags``; registered in ``apps``)."""

from django.utils.translation import pgettext_lazy

from pencaker.cards.choices import CardStatus
from pencaker.core.status_tags import TagColour

CARD_STATUS_TAGS = {
    CardStatus.ACTIVE: (pgettext_lazy("status tag", "Active"), TagColour.GREEN),
    CardStatus.PLACED: (pgettext_lazy("status tag", "Working"), TagColour.BLUE),
    CardStatus.EXPIRED: (pgettext_lazy("status tag", "Expired"), TagColour.RED),
    CardStatus.REMOVED: (pgettext_lazy("status tag", "Removed"), TagColour.GREY),
    CardStatus.REVOKED: (pgettext_lazy("status tag", "Revoked"), TagColour.RED),
    CardStatus.SUPERSEDED: (pgettext_lazy("status tag", "Replaced"), TagColour.GREY),
}


def register() -> None:
    from pencaker.core.status_tags import status_tag_register

    status_tag_register(kind="cards.card", choices=CardStatus, tags=CARD_STATUS_TAGS)
