"""Fixtures for lifecycle tests: signing material, a holder, an operator and a card issued
on a chosen day (the controlled clock: every service takes ``today``/``on`` explicitly)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

ISSUED = dt.date(2025, 1, 15)


@pytest.fixture(autouse=True)
def _card_data_dir(settings, tmp_path):
    from pencaker.cards import signing

    settings.DATA_DIR = tmp_path / "data"
    settings.SITE_URL = "http://testserver"
    signing._cache.clear()
    yield
    signing._cache.clear()


def _jpeg() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (300, 400), (40, 40, 180)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def signed_office(office):
    office.letterhead_line1 = "PEMERINTAH KOTA PALEMBANG"
    office.letterhead_line2 = "DINAS TENAGA KERJA"
    office.signer_name = "Rina Pengantar, S.E."
    office.signer_nip = "198001012005011001"
    office.save()
    return office


@pytest.fixture
def holder_factory(signed_office):
    from pencaker.seekers.tests.factories import CompleteProfileFactory

    def make(**profile):
        profile.setdefault("birth_date", dt.date(2000, 3, 10))
        profile.setdefault("sex", "F")
        return CompleteProfileFactory(**profile).user

    return make


@pytest.fixture
def holder(holder_factory):
    return holder_factory(full_name="Siti Rahmawati")


@pytest.fixture
def operator(user_factory, signed_office):
    from pencaker.accounts.models import Role

    return user_factory(Role.OPERATOR, office=signed_office, full_name="Budi Petugas")


@pytest.fixture
def approved_application_factory(operator):
    from pencaker.applications import intake
    from pencaker.applications.models import Application

    counter = {"n": 0}

    def make(user, *, on: dt.date = ISSUED, type: str = "new", photo: bool = False):
        counter["n"] += 1
        if photo:
            from pencaker.documents.services import document_upload

            document_upload(
                actor=user,
                owner=user,
                kind="photo",
                uploaded_file=SimpleUploadedFile("foto.jpg", _jpeg(), "image/jpeg"),
            )
        decided = dt.datetime.combine(on, dt.time(10, 0), tzinfo=dt.UTC)
        return Application.objects.create(
            applicant=user,
            office=user.seeker_profile.office,
            type=type,
            status="approved",
            tracking_number=f"AK1-LIFE-{counter['n']:04d}-{user.pk}",
            snapshot=intake.profile_snapshot(user),
            documents=intake.documents_snapshot(user),
            submitted_at=decided,
            decided_at=decided,
            decided_by=operator,
        )

    return make


@pytest.fixture
def issue_card(approved_application_factory, operator):
    """Issue a card as an approval does: the applications service issues it and records
    the lifecycle event (``on_card_issued``) in the same transaction."""
    from pencaker.applications.services import application_card_issue

    def make(user, *, on: dt.date = ISSUED, type: str = "new"):
        return application_card_issue(
            application=approved_application_factory(user, on=on, type=type), actor=operator
        )

    return make


@pytest.fixture
def card(issue_card, holder):
    return issue_card(holder)
