"""Fixtures for card tests: a throwaway key folder, an approved application, a card."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pencaker.e2e import conftest as _e2e

# Browser fixtures shared with the journeys (the browser itself lives in the root conftest).
assert_accessible = _e2e.assert_accessible
axe = _e2e.axe
nojs_page = _e2e.nojs_page
page = _e2e.page


@pytest.fixture(autouse=True)
def _card_data_dir(settings, tmp_path):
    """Signing material and QR keys live in the test's own data folder."""
    from pencaker.cards import signing

    settings.DATA_DIR = tmp_path / "data"
    settings.SITE_URL = "http://testserver"
    signing._cache.clear()
    yield
    signing._cache.clear()


def _jpeg() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (300, 400), (180, 40, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def holder(db, office):
    from pencaker.seekers.tests.factories import CompleteProfileFactory

    office.letterhead_line1 = "PEMERINTAH KOTA PALEMBANG"
    office.letterhead_line2 = "DINAS TENAGA KERJA"
    office.signer_name = "Rina Pengantar, S.E."
    office.signer_nip = "198001012005011001"
    office.save()
    profile = CompleteProfileFactory(full_name="Siti Rahmawati")
    return profile.user


@pytest.fixture
def operator(user_factory, office):
    from pencaker.accounts.models import Role

    return user_factory(Role.OPERATOR, office=office)


@pytest.fixture
def application_factory(holder, operator):
    """An approved application with the frozen snapshot and (optionally) a photo."""
    from pencaker.applications import intake
    from pencaker.applications.models import Application

    counter = {"n": 0}

    def make(*, user=None, photo: bool = True, type: str = "new") -> Application:
        counter["n"] += 1
        user = user or holder
        if photo:
            from pencaker.documents.services import document_upload

            document_upload(
                actor=user,
                owner=user,
                kind="photo",
                uploaded_file=SimpleUploadedFile("foto.jpg", _jpeg(), "image/jpeg"),
            )
        profile = user.seeker_profile
        return Application.objects.create(
            applicant=user,
            office=profile.office,
            type=type,
            status="approved",
            tracking_number=f"AK1-TEST-{counter['n']:04d}-{user.pk}",
            snapshot=intake.profile_snapshot(user),
            documents=intake.documents_snapshot(user),
            submitted_at=timezone.now(),
            decided_at=timezone.now(),
            decided_by=operator,
        )

    return make


@pytest.fixture
def card(application_factory, operator):
    from pencaker.cards.services import card_issue

    return card_issue(application=application_factory(), actor=operator)
