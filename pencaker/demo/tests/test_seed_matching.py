import pytest
from django.core.management import call_command

from pencaker.matching.models import MatchProfile, SkillTerm


@pytest.mark.django_db
def test_seed_demo_loads_the_vocabulary_and_opts_the_demo_seeker_in_once():
    call_command("seed_demo")
    call_command("seed_demo")
    assert SkillTerm.objects.filter(code="excel", kind="skill").exists()
    assert SkillTerm.objects.filter(code="sim-b1", kind="certificate").exists()
    row = MatchProfile.objects.get(user__email="pencaker@demo.pencaker.id")
    assert (row.discoverable, row.alerts_enabled) == (True, True)
    assert row.education_level == "D3" and "excel" in row.skill_codes  # D3 is the highest
    # Nobody else is opted in.
    assert MatchProfile.objects.filter(discoverable=True).count() == 1
