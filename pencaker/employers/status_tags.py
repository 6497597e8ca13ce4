"""The status tags of employers (``pencaker.core.status_tags``; registered in ``apps``)."""

from django.utils.translation import pgettext_lazy

from pencaker.core.status_tags import TagColour
from pencaker.employers.choices import Status

ORGANISATION_STATUS_TAGS = {
    Status.DRAFT: (pgettext_lazy("status tag", "Draft"), TagColour.GREY),
    Status.SUBMITTED: (pgettext_lazy("status tag", "Awaiting verification"), TagColour.BLUE),
    Status.NEEDS_CHANGES: (pgettext_lazy("status tag", "Returned"), TagColour.YELLOW),
    Status.VERIFIED: (pgettext_lazy("status tag", "Verified"), TagColour.GREEN),
    Status.REJECTED: (pgettext_lazy("status tag", "Rejected"), TagColour.RED),
}


def register() -> None:
    from pencaker.core.status_tags import status_tag_register

    status_tag_register(
        kind="employers.organisation", choices=Status, tags=ORGANISATION_STATUS_TAGS
    )
