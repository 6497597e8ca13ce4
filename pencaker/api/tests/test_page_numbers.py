"""A page number past any list answers an empty page, never a database error (schemathesis
found an OFFSET past 2**63 refused by SQLite as a datatype mismatch)."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.parametrize(
    "path", ["/api/v1/vacancies/", "/api/v1/events/", "/api/v1/info/announcements"]
)
@pytest.mark.parametrize("page", ["9999999999999999999999", "10001", "0", "-5"])
def test_any_page_number_answers_a_list(office, path, page):
    response = Client().get(path, {"page": page})
    assert response.status_code == 200, response.content
    assert isinstance(response.json(), list)
