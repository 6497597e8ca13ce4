from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pencaker.documents.tests import samples
from pencaker.e2e.conftest import (  # noqa: F401 - browser fixtures shared with the journeys
    assert_accessible,
    axe,
    nojs_page,
    page,
)


@pytest.fixture
def seeker_factory(user_factory):
    """A job seeker whose profile belongs to ``office`` (None: office not known yet)."""
    from pencaker.seekers.models import JobSeekerProfile

    def make(office=None, **extra):
        user = user_factory(**extra)
        JobSeekerProfile.objects.create(user=user, office=office)
        return user

    return make


@pytest.fixture
def seeker(seeker_factory, office):
    return seeker_factory(office)


@pytest.fixture
def operator(user_factory, office):
    return user_factory(role="operator", office=office)


@pytest.fixture
def other_operator(user_factory, other_office):
    return user_factory(role="operator", office=other_office)


@pytest.fixture
def seeker_client(client, seeker):
    client.force_login(seeker)
    return client


def upload(data: bytes, name: str = "berkas.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def make_upload():
    return upload


@pytest.fixture
def portrait_jpeg():
    return samples.jpeg(600, 800)


@pytest.fixture
def media_files(settings):
    """All files currently in the test's media folder (relative paths)."""

    def files():
        root = settings.MEDIA_ROOT
        if not root.exists():
            return []
        return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())

    return files
