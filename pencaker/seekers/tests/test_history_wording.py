"""The change history names what a foreign key points at ("Disnaker Kota Palembang"),
never "office → 1"."""

from __future__ import annotations

import pytest
from django.utils import translation

from pencaker.seekers.choices import Section
from pencaker.seekers.models import ProfileChange
from pencaker.seekers.selectors import profile_history


@pytest.mark.django_db
def test_office_change_shows_the_office_name(profile, office, other_office):
    ProfileChange.objects.create(
        profile=profile,
        actor=profile.user,
        section=Section.ADDRESS,
        changes={"office": [office.pk, other_office.pk]},
    )

    with translation.override("id"):
        [row] = profile_history(profile)

    [line] = row.lines
    assert (line.label, line.old, line.new) == (
        "Dinas tenaga kerja",
        office.name,
        other_office.name,
    )
