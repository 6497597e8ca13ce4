from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from PIL import Image

from pencaker.accounts.models import Role
from pencaker.complaints.tests import conftest as complaint_fixtures
from pencaker.info import services

officer = complaint_fixtures.officer
submit = complaint_fixtures.submit


@pytest.fixture
def admin_dinas(user_factory, office):
    return user_factory(Role.ADMIN_DINAS, office=office, full_name="Admin Dinas")


@pytest.fixture
def other_admin(user_factory, other_office):
    return user_factory(Role.ADMIN_DINAS, office=other_office, full_name="Admin Lain")


@pytest.fixture
def operator(user_factory, office):
    return user_factory(Role.OPERATOR, office=office, full_name="Operator")


@pytest.fixture
def announce(admin_dinas, office):
    def make(title="Pengumuman", *, body="Isi pengumuman.", start=None, end=None, **kw):
        now = timezone.now()
        return services.announcement_create(
            actor=admin_dinas,
            office=office,
            data=services.AnnouncementInput(
                title=title,
                body=body,
                publish_at=start or now - dt.timedelta(hours=1),
                unpublish_at=end,
            ),
            **kw,
        )

    return make


def png_upload(size=(400, 300)):
    from django.core.files.uploadedfile import SimpleUploadedFile

    buf = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buf, format="PNG")
    return SimpleUploadedFile("foto.png", buf.getvalue(), content_type="image/png")
