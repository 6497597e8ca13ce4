import datetime as dt

import pytest
from django.test import Client

from pencaker.accounts.api_auth import token_issue
from pencaker.accounts.models import Role
from pencaker.seekers.models import JobSeekerProfile, NikConflict, ProfileChange
from pencaker.seekers.tests.factories import CompleteProfileFactory, nik_for

URL = "/api/v1/profile"
BIRTH = dt.date(1990, 5, 12)
NIK = nik_for(district_code="16.71.01", birth_date=BIRTH, sex="F", serial=3)


def api_client(user):
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=user)}", HTTP_ACCEPT_LANGUAGE="id")


@pytest.fixture
def api(seeker):
    return api_client(seeker)


def patch(client, data):
    return client.patch(URL, data, content_type="application/json")


def test_profile_get_needs_a_token(db):
    assert Client().get(URL).status_code == 401


def test_profile_get_returns_an_empty_profile_with_what_is_missing(api):
    response = api.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["nik"] == ""
    assert body["completeness"]["is_complete"] is False
    codes = [m["code"] for m in body["completeness"]["missing"]]
    assert "identity.nik" in codes and "education" in codes


def test_profile_get_for_a_complete_profile(db):
    profile = CompleteProfileFactory()
    body = api_client(profile.user).get(URL).json()
    assert body["nik"] == profile.nik
    assert body["office_code"] == "16.71"
    assert body["education"][0]["level"] == "SMA"
    assert body["completeness"] == {"is_complete": True, "missing": []}


def test_staff_have_no_profile(user_factory, office):
    operator = user_factory(role=Role.OPERATOR, office=office)
    response = api_client(operator).get(URL)
    assert response.status_code == 403
    assert response.json()["code"] == "not_job_seeker"


def test_profile_update_changes_only_the_fields_sent(api, seeker):
    first = patch(api, {"full_name": "Siti Aminah", "birth_place": "Palembang"})
    assert first.status_code == 200
    second = patch(
        api, {"nik": NIK, "birth_date": "1990-05-12", "sex": "F", "phone": "0813 2222 3333"}
    )
    assert second.status_code == 200, second.json()
    body = second.json()
    assert body["full_name"] == "Siti Aminah"
    assert body["nik"] == NIK and body["birth_date"] == "1990-05-12"
    assert body["phone"] == "+6281322223333"
    assert ProfileChange.objects.filter(profile__user=seeker).count() == 3


def test_profile_update_address_sets_the_office(api, village, office):
    response = patch(api, {"address_line": "Jl. Melati 9", "village_code": village.code})
    assert response.status_code == 200
    assert response.json()["office_code"] == "16.71"


def test_profile_update_names_the_date_mismatch_in_indonesian(api, seeker):
    response = patch(
        api,
        {"nik": NIK, "birth_date": "1990-05-13", "sex": "F", "full_name": "Siti"},
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["details"]["fields"]["nik"] == [
        "Tanggal lahir di NIK (12-05-1990) tidak sama dengan tanggal lahir yang Anda isi "
        "(13-05-1990)."
    ]
    assert body["message"] == body["details"]["fields"]["nik"][0]
    assert JobSeekerProfile.objects.get(user=seeker).full_name == ""


def test_profile_update_with_errors_in_several_sections_saves_nothing(api, seeker):
    response = patch(
        api,
        {
            "full_name": "Siti",
            "birth_date": "1990-02-31",
            "postal_code": "12",
            "phone": "123",
            "village_code": "99.99.99.9999",
        },
    )
    assert response.status_code == 400
    details = response.json()["details"]["fields"]
    assert set(details) == {"birth_date", "postal_code", "phone", "village_code"}
    assert "misalnya 1999-12-31" in details["birth_date"][0]
    assert "5 angka" in details["postal_code"][0]
    profile = JobSeekerProfile.objects.get(user=seeker)
    assert profile.full_name == "" and profile.postal_code == ""
    assert not ProfileChange.objects.exists()


def test_profile_update_refuses_a_registered_nik_and_keeps_the_attempt(api, seeker, village):
    holder = CompleteProfileFactory()
    response = patch(
        api,
        {
            "nik": holder.nik,
            "birth_date": holder.birth_date.isoformat(),
            "sex": holder.sex,
            "address_line": "Jl. Baru 1",
            "village_code": village.code,
        },
    )
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "nik_taken"
    assert "NIK ini sudah terdaftar" in body["details"]["fields"]["nik"][0]
    profile = JobSeekerProfile.objects.get(user=seeker)
    assert profile.nik == "" and profile.address_line == ""
    assert NikConflict.objects.filter(attempted_by=seeker, existing_profile=holder).count() == 1


def test_profile_update_refuses_a_person_too_young(api, today):
    birth = (
        today.replace(year=today.year - 16)
        if not (today.month == 2 and today.day == 29)
        else (dt.date(today.year - 16, 3, 1))
    )
    response = patch(api, {"birth_date": birth.isoformat()})
    assert response.status_code == 400
    assert "minimal 18 tahun" in response.json()["details"]["fields"]["birth_date"][0]


def test_openapi_has_the_stable_operation_ids(db):
    schema = Client().get("/api/v1/openapi.json").json()
    operation_ids = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert {"profile_get", "profile_update"} <= operation_ids


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"full_name": "A" * 151}, "full_name"),
        ({"address_line": "J" * 201}, "address_line"),
        ({"nik": "1" * 40}, "nik"),
        ({"birth_place": "B" * 101}, "birth_place"),
        ({"sex": "X"}, "sex"),
        ({"religion": "lainnya"}, "religion"),
        ({"rt": "abcd"}, "rt"),
    ],
)
def test_profile_update_answers_400_for_odd_input(api, data, field):
    response = patch(api, data)
    assert response.status_code == 400
    assert field in response.json()["details"]["fields"]


def test_profile_update_with_a_wrong_type_is_not_a_server_error(api):
    response = patch(api, {"nik": ["1671"]})
    assert 400 <= response.status_code < 500


def test_profile_get_for_a_phone_only_account_answers_an_empty_email(db):
    from django.utils import timezone

    profile = CompleteProfileFactory()
    user = profile.user
    user.email, user.phone_verified_at = None, timezone.now()
    user.save(update_fields=["email", "phone_verified_at"])
    response = api_client(user).get(URL)
    assert response.status_code == 200, response.content
    assert response.json()["email"] == ""
    page = Client()
    page.force_login(user)
    html = page.get("/profil/").content.decode()
    assert ">None<" not in html
