import pytest

from pencaker.seekers.models import JobSeekerProfile
from pencaker.seekers.selectors import profile_for_user, seeker_office_id


@pytest.mark.django_db
def test_profile_and_office_are_none_before_the_profile_exists(user_factory):
    user = user_factory()
    assert profile_for_user(user) is None
    assert seeker_office_id(user) is None


@pytest.mark.django_db
def test_seeker_office_id_returns_the_profile_office(user_factory, office):
    user = user_factory()
    profile = JobSeekerProfile.objects.create(user=user, office=office)
    assert profile_for_user(user) == profile
    assert seeker_office_id(user) == office.pk
