"""schemathesis over every API operation (issue 14, "Done when"): generated requests, with
a job seeker's and an operator's API token, answer no 5xx, only the status codes the
OpenAPI document lists, and bodies that match its schemas (checks not_a_server_error,
status_code_conformance, response_schema_conformance). Generated strings include NUL
bytes (``allow_x00``). Lone surrogates are never generated (hypothesis leaves the
surrogate category out of its text, whatever the codec), so the last test sends one in
every string property of every JSON body.

Bounded: ``PENCAKER_SCHEMATHESIS_EXAMPLES`` examples per operation (default 10), so the
run stays within a few minutes; it runs on both databases (``make test``).
"""

from __future__ import annotations

import json
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from pencaker.accounts.api_auth import token_issue
from pencaker.accounts.models import Role

MAX_EXAMPLES = int(os.environ.get("PENCAKER_SCHEMATHESIS_EXAMPLES", "10"))


# Loaded at collection (the OpenAPI document needs no database); pytest 9 has no node id
# that schemathesis' fixture-based loader could rename.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
schema.config.generation.update(allow_x00=True, codec="utf-8", max_examples=MAX_EXAMPLES)


@pytest.fixture(autouse=True)
def _requests_keep_the_test_connection(db):
    # As Django's test client does: the test's transaction holds the connection, so a
    # request must not close it when it starts or finishes.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(params=[Role.JOB_SEEKER, Role.OPERATOR])
def api_token(request, user_factory, office):
    """A job seeker's token (citizen operations) and an operator's (staff operations)."""
    staff = request.param != Role.JOB_SEEKER
    user = user_factory(
        email=f"fuzz-{request.param}@example.id",
        role=request.param,
        office=office if staff else None,
    )
    return token_issue(user=user)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_every_operation_conforms_to_its_schema(case, api_token):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {api_token}"},
        checks=[not_a_server_error, status_code_conformance, response_schema_conformance],
    )


# --- Lone surrogates: hypothesis never generates them (its text strategy leaves out the
# surrogate category, whatever the codec), so every operation that takes a JSON body gets
# one explicitly, in every string property, escaped as clients send it.


def _operations_with_a_json_body(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" in content:
                yield method, path, content["application/json"]["schema"]


def _string_properties(document, body_schema):
    if "$ref" in body_schema:
        body_schema = document["components"]["schemas"][body_schema["$ref"].rsplit("/", 1)[1]]
    return sorted(body_schema.get("properties", {})) or ["x"]


def test_every_json_body_with_a_lone_surrogate_is_refused_with_400(client, api_token):
    document = client.get("/api/v1/openapi.json").json()
    operations = list(_operations_with_a_json_body(document))
    assert len(operations) >= 10
    for method, path, body_schema in operations:
        url = path.replace("{", "").replace("}", "")  # any value: the body is read first
        body = {name: "a\ud800b" for name in _string_properties(document, body_schema)}
        response = getattr(client, method)(
            url,
            json.dumps(body),  # escapes the surrogate as \ud800
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {api_token}",
        )
        assert response.status_code == 400, (method, path, response.content)
        assert response.json()["code"] == "invalid_characters", (method, path)
