"""A refused incomplete request lists the missing items once, at the top, not again in
the checklist and the message."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_refused_request_lists_each_missing_item_once(client, seeker_factory):
    client.force_login(seeker_factory(documents=("ktp",)))

    response = client.post(reverse("applications:start"), {"type": "new", "idempotency_key": "k"})

    assert response.status_code == 400
    html = response.content.decode()
    assert html.count("Pas foto berwarna 3x4") == 1
    assert html.index("error-summary") < html.index("Pas foto berwarna 3x4")
