from pencaker.regions.nik import parse_nik
from pencaker.seekers.demo import DEMO_BIRTH_DATE, DEMO_NIK, DEMO_SEX, seed_demo_profile
from pencaker.seekers.models import ProfileChange
from pencaker.seekers.selectors import profile_completeness
from pencaker.seekers.tests.factories import region_chain


def test_demo_nik_agrees_with_the_demo_birth_date_and_sex():
    info = parse_nik(DEMO_NIK)
    assert (info.birth_date, info.sex) == (DEMO_BIRTH_DATE, DEMO_SEX)


def test_demo_profile_is_complete_and_seeding_twice_changes_nothing(user_factory, office):
    region_chain("16.71.01.1001", "Tiga-puluh-lima Ilir")
    user = user_factory()

    profile = seed_demo_profile(user)
    rows = ProfileChange.objects.count()
    seed_demo_profile(user)

    assert profile.office == office
    assert profile_completeness(user).is_complete
    assert ProfileChange.objects.count() == rows
    assert profile.education.count() == 2
