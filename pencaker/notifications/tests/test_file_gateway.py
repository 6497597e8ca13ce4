"""Embedded mode: SMS/WhatsApp messages are readable in var/sms-outbox.log (FileGateway);
the file gateway is refused in production and `check --deploy` warns about a gateway that
reaches no phone (ADR 0032)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.checks import run_checks

from pencaker.notifications.gateways import FileGateway, GatewayError, get_gateway
from pencaker.notifications.models import DeliveryStatus, Notification
from pencaker.notifications.services import notification_deliver, notification_queue


def test_embedded_default_is_the_file_gateway():
    assert django_settings.PENCAKER_SMS_GATEWAY.endswith(".FileGateway")
    assert django_settings.PENCAKER_SMS_OUTBOX_FILE == django_settings.DATA_DIR / "sms-outbox.log"


@pytest.mark.django_db
def test_a_delivered_sms_is_a_whole_line_of_the_outbox_file(settings, tmp_path):
    settings.PENCAKER_SMS_GATEWAY = "pencaker.notifications.gateways.FileGateway"
    settings.PENCAKER_SMS_OUTBOX_FILE = tmp_path / "var" / "sms-outbox.log"
    row = notification_queue(
        channel="sms",
        recipient="+6281300000001",
        kind="account.phone_code",
        body="Kode Pencaker: 123456\n(berlaku 10 menit)",
    )
    assert notification_deliver(notification_id=row.pk).status == DeliveryStatus.SENT
    [line] = (tmp_path / "var" / "sms-outbox.log").read_text().splitlines()
    stamp, channel, to, text = line.split("\t")
    assert stamp.endswith("UTC") and (channel, to) == ("sms", "+6281300000001")
    assert text == "Kode Pencaker: 123456 (berlaku 10 menit)"
    assert oct(os.stat(tmp_path / "var" / "sms-outbox.log").st_mode & 0o777) == "0o600"
    assert Notification.objects.get(pk=row.pk).status == DeliveryStatus.SENT


def test_the_file_gateway_refuses_to_send_in_production(settings, tmp_path):
    settings.PRODUCTION = True
    settings.PENCAKER_SMS_OUTBOX_FILE = tmp_path / "sms.log"
    with pytest.raises(GatewayError):
        FileGateway().send(channel="sms", to="+6281300000001", text="x")
    assert not (tmp_path / "sms.log").exists()


def test_deploy_check_warns_about_a_gateway_that_reaches_no_phone(settings):
    settings.PRODUCTION = True
    for path in (
        "pencaker.notifications.gateways.LoggingGateway",
        "pencaker.notifications.gateways.FileGateway",
    ):
        settings.PENCAKER_SMS_GATEWAY = path
        ids = [m.id for m in run_checks(include_deployment_checks=True)]
        assert "pencaker.W001" in ids
    settings.PENCAKER_SMS_GATEWAY = "pencaker.notifications.gateways.HttpGateway"
    assert "pencaker.W001" not in [m.id for m in run_checks(include_deployment_checks=True)]
    settings.PRODUCTION = False
    settings.PENCAKER_SMS_GATEWAY = "pencaker.notifications.gateways.FileGateway"
    assert "pencaker.W001" not in [m.id for m in run_checks(include_deployment_checks=True)]
    assert isinstance(get_gateway(), FileGateway)


def _production_env(tmp_path, **extra):
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
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def test_production_check_deploy_warns_for_the_logging_gateway(tmp_path):
    env = _production_env(
        tmp_path, PENCAKER_SMS_GATEWAY="pencaker.notifications.gateways.LoggingGateway"
    )
    result = subprocess.run(
        [sys.executable, "-m", "pencaker.manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "pencaker.W001" in result.stdout + result.stderr


def test_production_refuses_the_file_gateway_at_start(tmp_path):
    env = _production_env(
        tmp_path, PENCAKER_SMS_GATEWAY="pencaker.notifications.gateways.FileGateway"
    )
    result = subprocess.run(
        [sys.executable, "-m", "pencaker.manage", "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "file gateway" in result.stderr
