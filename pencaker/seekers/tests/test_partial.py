"""``profile_update_partial``: the service behind the API's profile update."""

from __future__ import annotations

import pytest

from pencaker.core.errors import Conflict, DomainError
from pencaker.seekers import services
from pencaker.seekers.errors import SeekerErrorCode
from pencaker.seekers.models import JobSeekerProfile, NikConflict
from pencaker.seekers.tests.factories import CompleteProfileFactory


def test_partial_update_changes_only_what_is_given(seeker, profile, village):
    services.profile_update_partial(
        actor=seeker,
        profile=profile,
        changes={"full_name": "  Siti   Aminah ", "village_code": village.code},
    )
    stored = JobSeekerProfile.objects.get(pk=profile.pk)
    assert stored.full_name == "Siti Aminah"
    assert stored.village_id == village.code
    assert stored.birth_place == ""


def test_partial_update_names_field_errors_as_its_input(seeker, profile):
    with pytest.raises(DomainError) as caught:
        services.profile_update_partial(
            actor=seeker,
            profile=profile,
            changes={"birth_date": "1990-02-31", "village_code": "99.99.99.9999", "phone": "1"},
        )
    assert caught.value.code == SeekerErrorCode.INVALID
    assert set(caught.value.fields) == {"birth_date", "village_code", "phone"}


def test_partial_update_refuses_unknown_fields(seeker, profile):
    with pytest.raises(ValueError):
        services.profile_update_partial(actor=seeker, profile=profile, changes={"email": "x"})


def test_partial_update_is_refused_for_someone_else(seeker, profile, user_factory):
    other = user_factory()
    with pytest.raises(DomainError) as caught:
        services.profile_update_partial(actor=other, profile=profile, changes={"rt": "1"})
    assert caught.value.code == SeekerErrorCode.FORBIDDEN
    assert caught.value.status == 403


def test_partial_update_keeps_the_nik_conflict_after_rolling_back(seeker, profile, village):
    holder = CompleteProfileFactory()
    with pytest.raises(Conflict) as caught:
        services.profile_update_partial(
            actor=seeker,
            profile=profile,
            changes={
                "nik": holder.nik,
                "birth_date": holder.birth_date.isoformat(),
                "sex": holder.sex,
                "address_line": "Jl. Baru 1",
                "village_code": village.code,
            },
        )
    assert caught.value.code == SeekerErrorCode.NIK_TAKEN
    assert "nik" in caught.value.fields
    assert JobSeekerProfile.objects.get(pk=profile.pk).address_line == ""
    conflict = NikConflict.objects.get(attempted_by=seeker)
    assert conflict.existing_profile == holder
    assert conflict.attempted_office is None  # the rolled-back address did not count
