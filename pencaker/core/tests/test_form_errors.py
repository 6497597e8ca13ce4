"""The error summary joins a field's label and its error without doubled punctuation."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_summary_does_not_put_a_colon_after_a_sentence(client):
    response = client.post(reverse("accounts:signup"), {"email": "bukan-email"})

    body = response.content.decode()
    assert "seperti yang dijelaskan." in body
    assert ".:" not in body
