"""The demo office has one announcement and three FAQ entries, however often seeded."""

from __future__ import annotations

import pytest

from pencaker.demo import seed
from pencaker.info.models import Announcement, FaqEntry
from pencaker.info.selectors import announcements_published, faq_published
from pencaker.offices.models import Office


@pytest.mark.django_db
def test_seed_info_is_idempotent(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    seed.seed_all()
    seed.seed_info()
    office = Office.objects.get(code=seed.OFFICE_CODE)
    assert Announcement.objects.filter(office=office).count() == 1
    assert FaqEntry.objects.filter(office=office).count() == 3
    assert [a.title for a in announcements_published(office)] == [seed.DEMO_ANNOUNCEMENT_TITLE]
    assert len([i for i in faq_published(office) if i.source == "office"]) == 3
