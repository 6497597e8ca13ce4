"""Fixtures for application tests: real job seekers, operators, one helper per state.

An applicant is a real complete profile (``seekers`` factories) with real documents
uploaded through the documents service, so the checklist and the frozen document versions
in these tests are the ones production computes.
"""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pencaker.accounts.models import Role
from pencaker.applications import services
from pencaker.applications.choices import ReturnReason, Status

REQUIRED_DOCUMENTS = ("ktp", "photo", "ijazah")


def jpeg_upload(kind: str, *, width: int = 450, height: int = 600, colour=(190, 120, 70)):
    """A JPEG the documents checks accept for ``kind`` (the photo must be portrait 3x4)."""
    if kind != "photo":
        width, height = 800, 500
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="JPEG", quality=80)
    return SimpleUploadedFile(f"{kind}.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def upload_document():
    """Upload ``kind`` for ``owner`` through the documents service (as the owner)."""
    from pencaker.documents.services import document_upload

    def upload(owner, kind: str, *, actor=None, colour=(190, 120, 70)):
        return document_upload(
            actor=actor or owner,
            owner=owner,
            kind=kind,
            uploaded_file=jpeg_upload(kind, colour=colour),
        )

    return upload


@pytest.fixture
def seeker_factory(office, upload_document):
    """A job seeker with a complete profile in ``office``'s area and the given documents."""
    from pencaker.seekers.tests.factories import CompleteProfileFactory

    def make(*, documents=REQUIRED_DOCUMENTS, **user_fields):
        user_kwargs = {f"user__{name}": value for name, value in user_fields.items()}
        profile = CompleteProfileFactory(**user_kwargs)
        assert profile.office_id == office.pk
        for kind in documents:
            upload_document(profile.user, kind)
        return profile.user

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
def make_application(applicant, operator):
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
