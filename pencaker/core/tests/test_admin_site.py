"""/admin/ shows every office's data: TOTP required, off in production unless asked for
(issue 14, security item 4)."""

from __future__ import annotations

import os
import subprocess
import sys

from django_otp.plugins.otp_totp.models import TOTPDevice

RESOLVE = (
    "import django; django.setup()\n"
    "from django.urls import Resolver404, resolve\n"
    "try:\n    resolve('/admin/')\nexcept Resolver404:\n    print('admin-off')\n"
    "else:\n    print('admin-on')\n"
)


def _production(tmp_path, **extra: str) -> str:
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
        **extra,
    }
    if "PENCAKER_ADMIN_ENABLED" not in extra:
        env.pop("PENCAKER_ADMIN_ENABLED", None)
    result = subprocess.run(
        [sys.executable, "-c", RESOLVE], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_admin_is_off_in_production_by_default(tmp_path):
    assert _production(tmp_path) == "admin-off"


def test_admin_can_be_turned_on_in_production(tmp_path):
    assert _production(tmp_path, PENCAKER_ADMIN_ENABLED="true") == "admin-on"


def test_admin_refuses_a_superuser_who_has_not_passed_totp(client, user_factory):
    admin = user_factory(email="root@example.id", is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_login_asks_for_the_totp_code(client, db):
    body = client.get("/admin/login/").content.decode()
    assert 'name="otp_token"' in body


def test_admin_opens_for_a_superuser_who_passed_totp(client, user_factory):
    admin = user_factory(email="root@example.id", is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    client.force_login(admin)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    assert client.get("/admin/").status_code == 200
