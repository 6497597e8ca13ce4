"""One helper builds every absolute link; the embedded default follows the served port."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from pencaker.core.links import absolute_url, site_address


def test_absolute_url_joins_site_url_and_path_with_one_slash(settings):
    settings.SITE_URL = "https://pencaker.example.go.id/"
    assert absolute_url("/kartu/v/abc") == "https://pencaker.example.go.id/kartu/v/abc"
    assert absolute_url("kartu/") == "https://pencaker.example.go.id/kartu/"
    assert absolute_url("/") == "https://pencaker.example.go.id/"
    assert site_address() == "https://pencaker.example.go.id"


def _settings_value(tmp_path, name: str, **extra: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SITE_URL", "HOST", "PORT", "PENCAKER_ENV", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update({"PENCAKER_DATA_DIR": str(tmp_path), **extra})
    return subprocess.run(
        [sys.executable, "-c", f"import pencaker.settings as s; print(s.{name})"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({}, "http://127.0.0.1:8000"),
        ({"PORT": "8123"}, "http://127.0.0.1:8123"),
        ({"HOST": "localhost", "PORT": "9001"}, "http://localhost:9001"),
        ({"HOST": "0.0.0.0", "PORT": "8123"}, "http://127.0.0.1:8123"),  # noqa: S104
        (
            {"PORT": "8123", "SITE_URL": "https://kartu.example.go.id/"},
            "https://kartu.example.go.id",
        ),
    ],
)
def test_embedded_site_url_defaults_to_the_address_make_run_serves(tmp_path, extra, expected):
    result = _settings_value(tmp_path, "SITE_URL", **extra)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_serve_listens_on_the_port_the_links_use(tmp_path):
    result = _settings_value(tmp_path, "SERVE_PORT", PORT="8123")
    assert result.stdout.strip() == "8123"
    from pencaker.core.management.commands.serve import Command

    parser = Command().create_parser("pencaker", "serve")
    from django.conf import settings

    assert parser.parse_args([]).port == str(settings.SERVE_PORT)
    assert parser.parse_args([]).host == settings.SERVE_HOST


def test_production_refuses_to_start_without_site_url(tmp_path):
    result = _settings_value(
        tmp_path,
        "SITE_URL",
        PENCAKER_ENV="production",
        SECRET_KEY="k3y-Zq8!pW2rT9vL0mN4bX7cJ6hF1sD5gA3eR8uY2iO0pQ-wE4tZ",
        ALLOWED_HOSTS="pencaker.example.go.id",
        DATABASE_URL="postgres://u:p@127.0.0.1:1/db",
        EMAIL_HOST="smtp.example.go.id",
    )
    assert result.returncode != 0
    assert "SITE_URL must be set in production" in result.stderr
