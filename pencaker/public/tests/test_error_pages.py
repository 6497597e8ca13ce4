"""Mistyped addresses and refusals answer in Indonesian, in the site's layout; under
/api/ they answer the API's JSON refusal body."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory

from pencaker.public import error_pages


@pytest.mark.django_db
def test_unknown_page_is_an_indonesian_404_in_the_site_layout(client):
    response = client.get("/halaman-yang-tidak-ada/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Halaman tidak ditemukan" in html
    assert 'class="site-header"' in html
    assert "Not Found" not in html


@pytest.mark.django_db
def test_unknown_api_address_answers_json(client):
    response = client.get("/api/v1/tidak-ada")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "not_found"
    assert set(response.json()) == {"code", "message", "details"}


@pytest.mark.django_db
def test_form_without_csrf_token_is_an_indonesian_403():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/akun/masuk/", {"username": "a@example.id", "password": "x"})

    assert response.status_code == 403
    html = response.content.decode()
    assert "Anda tidak boleh membuka halaman ini" in html
    assert "Forbidden" not in html


@pytest.mark.django_db
def test_bad_host_is_an_indonesian_400(client):
    response = client.get("/", HTTP_HOST="bukan.example invalid")

    assert response.status_code == 400
    assert "Permintaan tidak dapat dipahami" in response.content.decode()


def test_server_error_page_is_indonesian_and_needs_no_database():
    request = RequestFactory().get("/kartu/cek/")

    response = error_pages.server_error(request)

    assert response.status_code == 500
    assert "terjadi kesalahan" in response.content.decode()
