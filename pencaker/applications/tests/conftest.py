"""Fixtures for application tests: people, a controllable checklist, one helper per state."""

from __future__ import annotations

import datetime as dt

import pytest

from pencaker.accounts.models import Role
from pencaker.applications import intake, services
from pencaker.applications.choices import ReturnReason, Status


@pytest.fixture
def checklist(monkeypatch):
    """The applicant checklist, complete by default; set ``.missing`` to make it fail.

    The real checklist belongs to the profile app and is tested there; here it decides
    only whether a submission may go through.
    """

    class Control:
        missing: list[intake.ChecklistItem] = []

    control = Control()
    monkeypatch.setattr(
        intake, "applicant_checklist", lambda user: intake.Checklist(control.missing)
    )
    return control


@pytest.fixture
def seeker_factory(user_factory, office):
    from pencaker.seekers.models import JobSeekerProfile

    def make(office_=None, nik: str = "1671014101900001", **extra):
        user = user_factory(Role.JOB_SEEKER, **extra)
        JobSeekerProfile.objects.create(
            user=user,
            office=office_ or office,
            nik=nik,
            full_name="Siti Rahma",
            birth_date=dt.date(1990, 1, 1),
            sex="F",
        )
        return user

    return make


@pytest.fixture
def applicant(seeker_factory):
    return seeker_factory()


@pytest.fixture
def operator(user_factory, office):
    return user_factory(Role.OPERATOR, office=office)


@pytest.fixture
def operator2(user_factory, office):
    return user_factory(Role.OPERATOR, office=office)


@pytest.fixture
def admin_dinas(user_factory, office):
    return user_factory(Role.ADMIN_DINAS, office=office)


@pytest.fixture
def foreign_operator(user_factory, other_office):
    return user_factory(Role.OPERATOR, office=other_office)


@pytest.fixture
def make_application(checklist, applicant, operator):
    """Drive an application through the services to the requested status."""

    def make(status: str = Status.SUBMITTED, *, user=None, op=None):
        user = user or applicant
        op = op or operator
        application, _ = services.application_submit(actor=user)
        if status == Status.SUBMITTED:
            return application
        if status == Status.WITHDRAWN:
            return services.application_withdraw(actor=user, application_id=application.pk)
        services.application_claim(actor=op, application_id=application.pk)
        if status == Status.IN_REVIEW:
            application.refresh_from_db()
            return application
        if status == Status.APPROVED:
            return services.application_approve(actor=op, application_id=application.pk)
        if status == Status.REJECTED:
            return services.application_reject(
                actor=op, application_id=application.pk, reason="not_eligible"
            )
        if status == Status.NEEDS_CHANGES:
            return services.application_return(
                actor=op,
                application_id=application.pk,
                items=[services.ReturnItemInput("document:photo", ReturnReason.UNREADABLE)],
            )
        raise AssertionError(status)

    return make
