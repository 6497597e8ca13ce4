import os
import subprocess
import sys

import pytest
from django.db import connection


def test_home_page_is_indonesian_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    assert 'lang="id"' in response.content.decode()


def test_healthz_answers_ok(client):
    assert client.get("/healthz").json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_checks_database(client):
    assert client.get("/readyz").json()["database"] == "ok"


@pytest.mark.django_db
def test_suite_runs_on_the_database_ci_asked_for():
    expected = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    assert connection.vendor == expected


def test_check_deploy_is_clean_in_production_mode(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pencaker.settings",
        "PENCAKER_ENV": "production",
        "SECRET_KEY": "k3y-Zq8!pW2rT9vL0mN4bX7cJ6hF1sD5gA3eR8uY2iO0pQ-wE4tZ",
        "ALLOWED_HOSTS": "pencaker.example.go.id",
        "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://u:p@127.0.0.1:1/db"),
        "EMAIL_HOST": "smtp.example.go.id",
        "SITE_URL": "https://pencaker.example.go.id",
        "PENCAKER_DATA_DIR": str(tmp_path),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for Playwright in tests only
    result = subprocess.run(
        [sys.executable, "-m", "pencaker.manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pencaker.settings",
        "PENCAKER_ENV": "production",
        "PENCAKER_DATA_DIR": str(tmp_path),
    }
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "-m", "pencaker.manage", "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_readyz_reports_storage_failure(client, settings, tmp_path):
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("a file where the storage folder should be")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": blocked},
        },
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["storage"] == "error"
