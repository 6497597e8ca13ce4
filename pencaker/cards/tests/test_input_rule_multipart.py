"""The batch check page takes multipart/form-data (a CSV file or pasted lines): a NUL byte
in its text answers the input rule's 400 page (issue 14, item 1), and nothing is logged."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from pencaker.cards.models import VerificationLog
from pencaker.cards.tests.test_batch_check import verified_employer  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def test_batch_check_page_with_nul_in_the_lines_is_a_400_page(verified_employer):  # noqa: F811
    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    client.force_login(verified_employer)
    response = client.post(reverse("cards:batch_check"), {"lines": "1671\x00, 01-01-2000"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "karakter" in html and "<html" in html
    assert not VerificationLog.objects.exists()
