import pytest
from django.test import Client

from pencaker.accounts.api_auth import token_issue
from pencaker.employers.choices import Status
from pencaker.employers.models import Organisation
from pencaker.employers.tests.conftest import NIB, NPWP, pdf_upload, with_totp

pytestmark = pytest.mark.django_db

BASE = "/api/v1/employers"


def _client(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=user)}")


def _fields(village, **overrides):
    data = {
        "legal_name": "PT Sriwijaya Roti Abadi",
        "type": "pt",
        "nib": NIB,
        "npwp": NPWP,
        "sector": "10710",
        "address_line": "Jl. Kolonel Atmo No. 5",
        "village": village.pk,
        "postal_code": "30121",
        "contact_name": "Dewi Lestari",
        "phone": "0812 3456 7890",
        "email": "kontak@sriwijaya-roti.example.id",
        "size_band": "20_99",
    }
    data.update(overrides)
    return data


def test_openapi_lists_the_employer_operation_ids(client):
    schema = client.get("/api/v1/openapi.json").json()
    ids = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert {
        "employer_register",
        "employer_get",
        "employer_update",
        "employer_member_invite",
        "employer_cards_verify",
        "operator_employer_queue",
        "operator_employer_decide",
    } <= ids


def test_register_by_multipart_answers_201_with_the_organisation(employer, village):
    response = _client(employer).post(f"{BASE}/", {**_fields(village), "document": pdf_upload()})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == Status.SUBMITTED and body["verified"] is False
    assert body["members"][0]["role"] == "owner"


def test_register_errors_answer_400_with_fields(employer, village):
    response = _client(employer).post(
        f"{BASE}/", {**_fields(village, nib="12", npwp=""), "document": pdf_upload()}
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_nib"
    assert "nib" in response.json()["details"]["fields"]


def test_register_twice_answers_409(submitted, employer, village):
    response = _client(employer).post(
        f"{BASE}/", {**_fields(village, nib="9120001234568", npwp=""), "document": pdf_upload()}
    )
    assert response.status_code == 409 and response.json()["code"] == "already_member"


def test_a_job_seeker_token_cannot_register(user_factory, village):
    response = _client(user_factory()).post(
        f"{BASE}/", {**_fields(village), "document": pdf_upload()}
    )
    assert response.status_code == 403 and response.json()["code"] == "not_employer"


def test_get_and_update(submitted, employer, operator):
    client = _client(employer)
    assert client.get(f"{BASE}/mine").json()["legal_name"] == "PT Sriwijaya Roti Abadi"
    assert (
        client.patch(
            f"{BASE}/mine", {"contact_name": "Budi"}, content_type="application/json"
        ).status_code
        == 409
    )
    from pencaker.employers import services

    services.organisation_verify(actor=operator, organisation_id=submitted.pk)
    response = client.patch(
        f"{BASE}/mine", {"contact_name": "Budi"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["contact_name"] == "Budi"


def test_get_without_organisation_is_404(employer):
    response = _client(employer).get(f"{BASE}/mine")
    assert response.status_code == 404
    assert response.json()["code"] == "organisation_not_found"


def test_invite_needs_an_owner_with_totp(verified, employer):
    client = _client(employer)
    response = client.post(
        f"{BASE}/mine/members", {"email": "a@example.id"}, content_type="application/json"
    )
    assert response.status_code == 403 and response.json()["code"] == "otp_setup_required"
    with_totp(employer)
    response = client.post(
        f"{BASE}/mine/members", {"email": "a@example.id"}, content_type="application/json"
    )
    assert response.status_code == 201 and response.json()["role"] == "member"


def test_operator_queue_and_decide(submitted, operator, other_operator):
    client = _client(operator)
    rows = client.get(f"{BASE}/queue").json()
    assert [r["id"] for r in rows] == [submitted.pk]
    assert rows[0]["remaining_hours"] is not None
    assert _client(other_operator).get(f"{BASE}/queue").json() == []
    other = _client(other_operator).post(
        f"{BASE}/{submitted.pk}/decision", {"decision": "verify"}, content_type="application/json"
    )
    assert other.status_code == 404
    response = client.post(
        f"{BASE}/{submitted.pk}/decision",
        {"decision": "return", "items": [{"field": "address", "text": "RT/RW kurang"}]},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["return_items"][0]["field"] == "address"
    again = client.post(
        f"{BASE}/{submitted.pk}/decision", {"decision": "verify"}, content_type="application/json"
    )
    assert again.status_code == 409 and again.json()["code"] == "invalid_transition"
    assert Organisation.objects.get().status == Status.NEEDS_CHANGES


def test_employers_cannot_use_the_operator_queue(employer):
    response = _client(employer).get(f"{BASE}/queue")
    assert response.status_code == 403
