"""The transition tables of vacancies and applications, and the helpers services use."""

from __future__ import annotations

from typing import Any

from pencaker.core.workflow import transition
from pencaker.vacancies.choices import ApplicationStatus as A
from pencaker.vacancies.choices import Status
from pencaker.vacancies.models import (
    Vacancy,
    VacancyApplication,
    VacancyApplicationStatusChange,
    VacancyStatusChange,
)

VACANCY_ALLOWED: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.SUBMITTED, Status.CLOSED}),
    Status.SUBMITTED: frozenset({Status.PUBLISHED, Status.DRAFT, Status.CLOSED}),
    Status.PUBLISHED: frozenset({Status.CLOSED}),
    Status.CLOSED: frozenset(),
}

APPLICATION_ALLOWED: dict[str, frozenset[str]] = {
    A.RECEIVED: frozenset({A.SHORTLISTED, A.NOT_SELECTED, A.WITHDRAWN}),
    A.SHORTLISTED: frozenset({A.INTERVIEW, A.OFFERED, A.NOT_SELECTED, A.WITHDRAWN}),
    A.INTERVIEW: frozenset({A.INTERVIEW, A.OFFERED, A.NOT_SELECTED, A.WITHDRAWN}),
    A.OFFERED: frozenset({A.HIRED, A.NOT_SELECTED, A.WITHDRAWN}),
    A.HIRED: frozenset(),
    A.NOT_SELECTED: frozenset(),
    A.WITHDRAWN: frozenset(),
}

#: Application statuses the seeker can still withdraw from and that count as open.
APPLICATION_OPEN = frozenset(s for s, targets in APPLICATION_ALLOWED.items() if targets)


def vacancy_move(vacancy: Vacancy, *, to: str, actor: Any, note: str = "") -> VacancyStatusChange:
    change = transition(
        obj=vacancy,
        to=to,
        allowed=VACANCY_ALLOWED,
        history_model=VacancyStatusChange,
        history_fk="vacancy",
        actor=actor,
        note=note,
    )
    assert isinstance(change, VacancyStatusChange)
    return change


def application_move(
    application: VacancyApplication, *, to: str, actor: Any, note: str = ""
) -> VacancyApplicationStatusChange:
    change = transition(
        obj=application,
        to=to,
        allowed=APPLICATION_ALLOWED,
        history_model=VacancyApplicationStatusChange,
        history_fk="application",
        actor=actor,
        note=note,
    )
    assert isinstance(change, VacancyApplicationStatusChange)
    return change
