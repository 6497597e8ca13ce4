"""Issue 14, item 6: the answer to a NIK already registered does not confirm that the NIK
is registered (least of all in another office); the conflict stays visible to staff."""

from __future__ import annotations

import datetime as dt

import pytest

from pencaker.seekers.models import JobSeekerProfile, NikConflict
from pencaker.seekers.tests.factories import CompleteProfileFactory, nik_for
from pencaker.seekers.tests.test_api import api_client, patch

BIRTH = dt.date(1991, 7, 3)


def _attempt(client, nik: str, birth_date: dt.date, sex: str):
    response = patch(client, {"nik": nik, "birth_date": birth_date.isoformat(), "sex": sex})
    return response.status_code, response.json()


@pytest.fixture
def prober(user_factory):
    return user_factory()


def test_after_the_limit_a_free_nik_gets_the_same_answer_as_a_registered_one(
    prober, settings, office_factory
):
    settings.PENCAKER_NIK_CONFLICT_LIMIT = 3
    elsewhere = office_factory("16.72")
    holders = [CompleteProfileFactory(office=elsewhere) for _ in range(4)]
    client = api_client(prober)
    answers = [_attempt(client, h.nik, h.birth_date, h.sex) for h in holders]
    free = nik_for(district_code="16.71.01", birth_date=BIRTH, sex="F", serial=77)
    answers.append(_attempt(client, free, BIRTH, "F"))

    assert all(status == 409 for status, _ in answers)
    assert len({(status, body["code"], body["message"]) for status, body in answers}) == 1
    assert JobSeekerProfile.objects.get(user=prober).nik == ""
    assert NikConflict.objects.filter(attempted_by=prober).count() == 4
    assert set(NikConflict.objects.values_list("office", flat=True)) == {elsewhere.pk}


def test_the_refusal_does_not_say_the_nik_belongs_to_someone(prober):
    holder = CompleteProfileFactory()
    status, body = _attempt(api_client(prober), holder.nik, holder.birth_date, holder.sex)
    assert status == 409
    message = body["details"]["fields"]["nik"][0]
    assert "tidak dapat diterima secara online" in message


def test_staff_entering_a_nik_for_a_citizen_are_not_limited(prober, settings, user_factory, office):
    from pencaker.accounts.models import Role
    from pencaker.seekers import services

    settings.PENCAKER_NIK_CONFLICT_LIMIT = 1
    holder = CompleteProfileFactory()
    _attempt(api_client(prober), holder.nik, holder.birth_date, holder.sex)
    operator = user_factory(role=Role.OPERATOR, office=office)
    profile = JobSeekerProfile.objects.get(user=prober)
    profile.office = office
    profile.save(update_fields=["office"])
    free = nik_for(district_code="16.71.01", birth_date=BIRTH, sex="F", serial=78)
    services.profile_update_identity(
        actor=operator, profile=profile, nik=free, birth_date=BIRTH, sex="F"
    )
    assert JobSeekerProfile.objects.get(user=prober).nik == free
