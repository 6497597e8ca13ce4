"""What a first visit costs on a slow phone connection: static files collected as in
production (hashed names, brotli/gzip copies) and served by whitenoise, compressed and
cached for a year; htmx only on the page that uses it; a favicon; the home page's first
visit (HTML, CSS, scripts, icon) under 30 KB transferred."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.test import Client

FIRST_VISIT_LIMIT = 30 * 1024
ONE_YEAR = 365 * 24 * 60 * 60


@pytest.fixture
def collected(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", interactive=False, verbosity=0)
    return Client(HTTP_ACCEPT_ENCODING="br, gzip")


def assets(html: str) -> list[str]:
    return re.findall(r'<(?:link|script)\b[^>]*(?:href|src)="(/static/[^"]+)"', html)


def body_size(response) -> int:
    if getattr(response, "streaming", False):
        return len(b"".join(response.streaming_content))
    return len(response.content)


@pytest.mark.django_db
def test_home_page_first_visit_is_small_compressed_and_cached(collected):
    page = collected.get("/")
    assert page.status_code == 200
    html = page.content.decode()
    urls = assets(html)

    assert any(u.endswith(".css") for u in urls)
    assert not any("htmx" in u for u in urls), "htmx loads only where the address picker is"
    assert any(re.search(r"favicon\.[0-9a-f]{12}\.svg$", u) for u in urls)

    total = len(page.content)
    for url in urls:
        response = collected.get(url)
        assert response.status_code == 200, url
        assert re.search(r"\.[0-9a-f]{12}\.", url), f"{url} has no hashed name"
        max_age = int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))
        assert max_age >= ONE_YEAR, (url, response["Cache-Control"])
        if not url.endswith(".svg") or body_size(response) > 200:
            assert response.get("Content-Encoding") in {"br", "gzip"}, url
        total += body_size(response)
    assert total < FIRST_VISIT_LIMIT, f"first visit transfers {total} bytes"


@pytest.mark.django_db
def test_htmx_is_compressed_where_the_address_picker_needs_it(collected, user_factory):
    collected.force_login(user_factory())
    html = collected.get("/profil/alamat/").content.decode()

    [htmx] = [u for u in assets(html) if "htmx" in u]
    response = collected.get(htmx)
    assert response["Content-Encoding"] == "br"
    assert body_size(response) < 25 * 1024
