"""The counter form takes multipart/form-data (the citizen's documents): a NUL byte in one
of its text fields answers the input rule's 400 page (issue 14, item 1); no account is
made."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pencaker.accounts.models import User
from pencaker.documents.tests import samples

pytestmark = pytest.mark.django_db


def test_counter_form_with_nul_in_a_field_is_a_400_page(staff_client_factory, operator):
    users = User.objects.count()
    response = staff_client_factory(operator).post(
        reverse("applications:assisted"),
        {
            "full_name": "Siti\x00 Aminah",
            "email": "siti@example.id",
            "ktp": SimpleUploadedFile("ktp.jpg", samples.jpeg(800, 600), "image/jpeg"),
        },
        HTTP_ACCEPT_LANGUAGE="id",
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "karakter" in html and "<html" in html
    assert User.objects.count() == users
