"""Reads of vacancies with their access rules: published vacancies are public; an
employer sees its own organisation's vacancies and their applicants (only the frozen
snapshot each applicant shared); a seeker sees their own applications; deciding staff see
the vacancies of their office awaiting review."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from pencaker.accounts.permissions import can_decide
from pencaker.employers.selectors import organisation_of
from pencaker.seekers.choices import EducationLevel
from pencaker.vacancies.choices import Status
from pencaker.vacancies.models import Vacancy, VacancyApplication

ORDERS = {"newest": ("-published_at", "-id"), "closing": ("closing_date", "id")}
POSTED_WITHIN = {"1": 1, "7": 7, "30": 30}


def _public() -> QuerySet[Vacancy]:
    return Vacancy.objects.filter(
        status=Status.PUBLISHED, closing_date__gte=timezone.localdate()
    ).select_related("organisation", "occupation", "location")


def vacancy_list_public(
    *,
    q: str = "",
    regency: str = "",
    group: str = "",
    education: str = "",
    employment_type: str = "",
    disability_friendly: bool = False,
    posted: str = "",
    order: str = "newest",
) -> QuerySet[Vacancy]:
    rows = _public()
    for word in q.split()[:5]:
        rows = rows.filter(
            Q(title__icontains=word)
            | Q(organisation__legal_name__icontains=word)
            | Q(occupation__title__icontains=word)
        )
    if regency:
        rows = rows.filter(Q(location__code=regency) | Q(is_remote=True))
    if group:
        rows = rows.filter(occupation_group=group[:1])
    if education in EducationLevel.values:
        # Vacancies open to this level: no minimum, or a minimum at or below it.
        levels = list(EducationLevel.values)
        allowed = levels[: levels.index(education) + 1]
        rows = rows.filter(Q(min_education="") | Q(min_education__in=allowed))
    if employment_type:
        rows = rows.filter(employment_type=employment_type)
    if disability_friendly:
        rows = rows.filter(disability_friendly=True)
    if posted in POSTED_WITHIN:
        rows = rows.filter(
            published_at__gte=timezone.now() - dt.timedelta(days=POSTED_WITHIN[posted])
        )
    return rows.order_by(*ORDERS.get(order, ORDERS["newest"]))


def vacancy_get_public(vacancy_id: Any) -> Vacancy | None:
    try:
        return _public().get(pk=int(vacancy_id))
    except (Vacancy.DoesNotExist, TypeError, ValueError):
        return None


def vacancies_of_employer(user: Any) -> QuerySet[Vacancy]:
    organisation = organisation_of(user)
    if organisation is None:
        return Vacancy.objects.none()
    return Vacancy.objects.filter(organisation=organisation).select_related("occupation")


def vacancy_of_employer(user: Any, vacancy_id: Any) -> Vacancy | None:
    try:
        return vacancies_of_employer(user).get(pk=int(vacancy_id))
    except (Vacancy.DoesNotExist, TypeError, ValueError):
        return None


def applications_for_employer(
    user: Any, vacancy_id: Any, *, status: str = ""
) -> QuerySet[VacancyApplication]:
    """The applicants of one of the employer's own vacancies (none for anyone else)."""
    vacancy = vacancy_of_employer(user, vacancy_id)
    if vacancy is None:
        return VacancyApplication.objects.none()
    rows = vacancy.applications.all()
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("applied_at", "id")


def application_for_employer(user: Any, application_id: Any) -> VacancyApplication | None:
    organisation = organisation_of(user)
    if organisation is None:
        return None
    try:
        return VacancyApplication.objects.select_related("vacancy").get(
            pk=int(application_id), vacancy__organisation=organisation
        )
    except (VacancyApplication.DoesNotExist, TypeError, ValueError):
        return None


def applications_of_seeker(user: Any) -> QuerySet[VacancyApplication]:
    if not getattr(user, "is_authenticated", False):
        return VacancyApplication.objects.none()
    return (
        VacancyApplication.objects.filter(applicant=user)
        .select_related("vacancy", "vacancy__organisation")
        .prefetch_related("history")
        .order_by("-applied_at")
    )


def vacancy_queue_for_office(actor: Any) -> QuerySet[Vacancy]:
    """Vacancies of the actor's office awaiting review, soonest deadline first."""
    if not can_decide(actor):
        return Vacancy.objects.none()
    return (
        Vacancy.objects.filter(office_id=actor.office_id, status=Status.SUBMITTED)
        .select_related("organisation", "occupation", "office")
        .order_by("due_at", "id")
    )


def vacancy_for_staff(actor: Any, vacancy_id: Any) -> Vacancy | None:
    if not can_decide(actor):
        return None
    try:
        return Vacancy.objects.select_related("organisation", "occupation", "location").get(
            pk=int(vacancy_id), office_id=actor.office_id
        )
    except (Vacancy.DoesNotExist, TypeError, ValueError):
        return None


def vacancies_of_organisation_for_staff(actor: Any, organisation_id: Any) -> QuerySet[Vacancy]:
    """Every vacancy of one organisation of the actor's office, with its applicant and hire
    counts (deciding staff only; another office's organisation gives nothing)."""
    from django.db.models import Count

    if not can_decide(actor):
        return Vacancy.objects.none()
    try:
        organisation_id = int(organisation_id)
    except (TypeError, ValueError):
        return Vacancy.objects.none()
    return (
        Vacancy.objects.filter(organisation_id=organisation_id, office_id=actor.office_id)
        .annotate(
            applicant_count=Count("applications"),
            hired_count=Count("applications", filter=Q(applications__status="hired")),
        )
        .select_related("occupation")
        .order_by("-created_at")
    )
