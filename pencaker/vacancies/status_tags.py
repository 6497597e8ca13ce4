"""The status tags of vacancies, job applications and hire reports
(``pencaker.core.status_tags``; registered in ``apps``)."""

from django.utils.translation import pgettext_lazy

from pencaker.core.status_tags import TagColour
from pencaker.vacancies.choices import ApplicationStatus, HireReportStatus, Status

VACANCY_STATUS_TAGS = {
    Status.DRAFT: (pgettext_lazy("status tag", "Draft"), TagColour.GREY),
    Status.SUBMITTED: (pgettext_lazy("status tag", "Awaiting review"), TagColour.BLUE),
    Status.PUBLISHED: (pgettext_lazy("status tag", "Published"), TagColour.GREEN),
    Status.CLOSED: (pgettext_lazy("status tag", "Closed"), TagColour.GREY),
}

VACANCY_APPLICATION_STATUS_TAGS = {
    ApplicationStatus.RECEIVED: (pgettext_lazy("status tag", "Received"), TagColour.BLUE),
    ApplicationStatus.SHORTLISTED: (pgettext_lazy("status tag", "Shortlisted"), TagColour.PURPLE),
    ApplicationStatus.INTERVIEW: (pgettext_lazy("status tag", "Interview"), TagColour.PURPLE),
    ApplicationStatus.OFFERED: (pgettext_lazy("status tag", "Offered"), TagColour.YELLOW),
    ApplicationStatus.HIRED: (pgettext_lazy("status tag", "Hired"), TagColour.GREEN),
    ApplicationStatus.NOT_SELECTED: (pgettext_lazy("status tag", "Not selected"), TagColour.GREY),
    ApplicationStatus.WITHDRAWN: (pgettext_lazy("status tag", "Withdrawn"), TagColour.GREY),
}

HIRE_REPORT_STATUS_TAGS = {
    HireReportStatus.PENDING: (
        pgettext_lazy("status tag", "Awaiting confirmation"),
        TagColour.YELLOW,
    ),
    HireReportStatus.CONFIRMED: (pgettext_lazy("status tag", "Confirmed"), TagColour.GREEN),
    HireReportStatus.DECLINED: (pgettext_lazy("status tag", "Declined"), TagColour.RED),
}


def register() -> None:
    from pencaker.core.status_tags import status_tag_register

    status_tag_register(kind="vacancies.vacancy", choices=Status, tags=VACANCY_STATUS_TAGS)
    status_tag_register(
        kind="vacancies.vacancyapplication",
        choices=ApplicationStatus,
        tags=VACANCY_APPLICATION_STATUS_TAGS,
    )
    status_tag_register(
        kind="vacancies.hirereport", choices=HireReportStatus, tags=HIRE_REPORT_STATUS_TAGS
    )
