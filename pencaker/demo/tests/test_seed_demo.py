import pytest
from django.core.management import call_command

from pencaker.accounts.models import User
from pencaker.offices.models import Office
from pencaker.regions.models import Region


@pytest.mark.django_db
def test_seed_demo_is_idempotent():
    call_command("seed_demo")
    counts = (User.objects.count(), Office.objects.count(), Region.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Office.objects.count(), Region.objects.count()) == counts
    office = Office.objects.get(code="16.71")
    assert Region.objects.filter(parent_id="16.71", level="district").count() == 18
    assert office.staff.filter(role="operator").exists()
