import pytest
from django.test import Client


@pytest.mark.django_db
def test_wrong_json_type_is_a_400_in_the_house_shape():
    response = Client().post(
        "/api/v1/auth/register",
        data={"email": ["not", "a", "string"]},
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_input"
    assert "email" in body["details"]["fields"]


@pytest.mark.django_db
def test_missing_token_is_a_401_with_a_message():
    response = Client().get("/api/v1/profile")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"


def test_openapi_document_lists_the_issue_2_operation_ids(client):
    schema = client.get("/api/v1/openapi.json").json()
    ids = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert {
        "auth_register",
        "auth_verify_email",
        "auth_login",
        "profile_get",
        "profile_update",
        "document_upload",
        "document_list",
    } <= ids


def test_openapi_document_lists_the_token_operations(client):
    schema = client.get("/api/v1/openapi.json").json()
    ids = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert {"auth_logout", "auth_token_list", "auth_token_revoke"} <= ids
