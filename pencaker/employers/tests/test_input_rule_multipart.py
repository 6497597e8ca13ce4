"""The input rule on multipart bodies (issue 14, item 1): a NUL byte in a text field of
the registration (page or API, both multipart because of the document) answers the same
400 as everywhere else, and nothing is stored."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from pencaker.accounts.api_auth import token_issue
from pencaker.employers.models import Organisation
from pencaker.employers.tests.conftest import pdf_upload
from pencaker.employers.tests.test_api import _fields
from pencaker.employers.tests.test_views import _form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field", ["legal_name", "address_line", "contact_name"])
def test_api_registration_with_nul_in_a_field_is_a_400(employer, village, field):
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=employer)}")
    data = {**_fields(village), field: "PT Roti\x00 Abadi", "document": pdf_upload()}
    response = client.post("/api/v1/employers/", data, HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid_characters"
    assert field in body["details"]["fields"]
    assert "karakter" in body["message"]
    assert not Organisation.objects.exists()


def test_registration_page_with_nul_in_a_field_is_a_400_page(
    employer, employer_client_factory, village
):
    client = employer_client_factory(employer, otp=False)
    response = client.post(
        reverse("employers:register"),
        {**_form_data(village, legal_name="PT Roti\x00 Abadi"), "document": pdf_upload()},
        HTTP_ACCEPT_LANGUAGE="id",
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "karakter" in html and "<html" in html
    assert not Organisation.objects.exists()
