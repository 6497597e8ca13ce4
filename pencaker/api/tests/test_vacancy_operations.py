"""The vacancy operations of issue 11 are in the OpenAPI document with stable ids."""

import pytest

pytestmark = pytest.mark.django_db

VACANCY_OPERATION_IDS = {
    "vacancy_create",
    "vacancy_update",
    "vacancy_submit",
    "vacancy_close",
    "vacancy_list_public",
    "vacancy_get_public",
    "vacancy_apply",
    "vacancy_application_withdraw",
    "seeker_vacancy_applications",
    "employer_vacancy_applications",
    "employer_application_update",
    "operator_vacancy_queue",
    "operator_vacancy_decide",
}


def test_openapi_lists_the_vacancy_operation_ids(client):
    schema = client.get("/api/v1/openapi.json").json()
    ids = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert VACANCY_OPERATION_IDS <= ids


def test_public_vacancy_operations_need_no_token(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path in schema["paths"].values():
        for op in path.values():
            if op["operationId"] in {"vacancy_list_public", "vacancy_get_public"}:
                assert not op.get("security")


def test_openapi_lists_employer_hire_report(client):
    schema = client.get("/api/v1/openapi.json").json()
    operations = {
        op["operationId"]: op for path in schema["paths"].values() for op in path.values()
    }
    assert "employer_hire_report" in operations
    assert "201" in operations["employer_hire_report"]["responses"]
