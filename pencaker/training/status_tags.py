"""The status tags of programmes, waves and registrations (``pencaker.core.status_tags``;
registered in ``apps``)."""

from django.utils.translation import pgettext_lazy

from pencaker.core.status_tags import TagColour
from pencaker.training.choices import ProgrammeStatus, RegistrationStatus, WaveStatus

PROGRAMME_STATUS_TAGS = {
    ProgrammeStatus.DRAFT: (pgettext_lazy("status tag", "Draft"), TagColour.GREY),
    ProgrammeStatus.PUBLISHED: (pgettext_lazy("status tag", "Published"), TagColour.GREEN),
    ProgrammeStatus.CANCELLED: (pgettext_lazy("status tag", "Cancelled"), TagColour.RED),
}

WAVE_STATUS_TAGS = {
    WaveStatus.DRAFT: (pgettext_lazy("status tag", "Draft"), TagColour.GREY),
    WaveStatus.PUBLISHED: (pgettext_lazy("status tag", "Announced"), TagColour.BLUE),
    WaveStatus.REGISTRATION_OPEN: (
        pgettext_lazy("status tag", "Registration open"),
        TagColour.GREEN,
    ),
    WaveStatus.REGISTRATION_CLOSED: (
        pgettext_lazy("status tag", "Registration closed"),
        TagColour.YELLOW,
    ),
    WaveStatus.SELECTED: (pgettext_lazy("status tag", "Participants selected"), TagColour.PURPLE),
    WaveStatus.RUNNING: (pgettext_lazy("status tag", "Running"), TagColour.BLUE),
    WaveStatus.COMPLETED: (pgettext_lazy("status tag", "Completed"), TagColour.GREEN),
    WaveStatus.CANCELLED: (pgettext_lazy("status tag", "Cancelled"), TagColour.RED),
}

REGISTRATION_STATUS_TAGS = {
    RegistrationStatus.REGISTERED: (pgettext_lazy("status tag", "Registered"), TagColour.BLUE),
    RegistrationStatus.WITHDRAWN: (pgettext_lazy("status tag", "Withdrawn"), TagColour.GREY),
    RegistrationStatus.SELECTED: (
        pgettext_lazy("status tag", "Selected: confirm your place"),
        TagColour.YELLOW,
    ),
    RegistrationStatus.WAITING: (pgettext_lazy("status tag", "Waiting list"), TagColour.PURPLE),
    RegistrationStatus.CONFIRMED: (pgettext_lazy("status tag", "Place confirmed"), TagColour.GREEN),
    RegistrationStatus.LAPSED: (pgettext_lazy("status tag", "Not confirmed"), TagColour.GREY),
    RegistrationStatus.NOT_SELECTED: (pgettext_lazy("status tag", "Not selected"), TagColour.GREY),
    RegistrationStatus.COMPLETED: (pgettext_lazy("status tag", "Completed"), TagColour.GREEN),
    RegistrationStatus.DROPPED_OUT: (pgettext_lazy("status tag", "Dropped out"), TagColour.RED),
}


def register() -> None:
    from pencaker.core.status_tags import status_tag_register

    status_tag_register(
        kind="training.programme", choices=ProgrammeStatus, tags=PROGRAMME_STATUS_TAGS
    )
    status_tag_register(kind="training.wave", choices=WaveStatus, tags=WAVE_STATUS_TAGS)
    status_tag_register(
        kind="training.registration", choices=RegistrationStatus, tags=REGISTRATION_STATUS_TAGS
    )
