"""The status tags of AK/1 requests (``pencaker.core.status_tags``; registered in ``apps``)."""

from django.utils.translation import pgettext_lazy

from pencaker.applications.choices import Status
from pencaker.core.status_tags import TagColour

APPLICATION_STATUS_TAGS = {
    Status.DRAFT: (pgettext_lazy("status tag", "Draft"), TagColour.GREY),
    Status.SUBMITTED: (pgettext_lazy("status tag", "Submitted"), TagColour.BLUE),
    Status.IN_REVIEW: (pgettext_lazy("status tag", "In progress"), TagColour.PURPLE),
    Status.NEEDS_CHANGES: (pgettext_lazy("status tag", "Returned"), TagColour.YELLOW),
    Status.APPROVED: (pgettext_lazy("status tag", "Approved"), TagColour.GREEN),
    Status.REJECTED: (pgettext_lazy("status tag", "Rejected"), TagColour.RED),
    Status.WITHDRAWN: (pgettext_lazy("status tag", "Withdrawn"), TagColour.GREY),
}


def register() -> None:
    from pencaker.core.status_tags import status_tag_register

    status_tag_register(
        kind="applications.application", choices=Status, tags=APPLICATION_STATUS_TAGS
    )
