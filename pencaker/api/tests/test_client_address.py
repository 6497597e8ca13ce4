"""One trusted-proxy setting decides the client address for the card-check limit,
django-axes' lock-outs and audit rows (issue 14, security item 3)."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.test import Client

from pencaker.core.client_address import client_address
from pencaker.core.models import AuditEvent

PROXY = "10.0.0.5"
PASSWORD = "Rahasia-123!"


def _check(client: Client, forwarded: str):
    return client.post(
        "/api/v1/cards/verify",
        {"number": "1"},
        content_type="application/json",
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def _login(client: Client, email: str, password: str, *, remote: str, forwarded: str = ""):
    extra = {"REMOTE_ADDR": remote}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(
        "/api/v1/auth/login",
        {"email": email, "password": password},
        content_type="application/json",
        **extra,
    )


class _Request:
    def __init__(self, remote: str, forwarded: str | None = None):
        self.META = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            self.META["HTTP_X_FORWARDED_FOR"] = forwarded


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "expected"),
    [
        ([], "203.0.113.9", "198.51.100.1", "203.0.113.9"),
        (["10.0.0.0/8"], "203.0.113.9", "198.51.100.1", "203.0.113.9"),
        (["10.0.0.0/8"], "10.0.0.5", "198.51.100.1", "198.51.100.1"),
        (["10.0.0.0/8"], "10.0.0.5", "1.2.3.4, 198.51.100.1", "198.51.100.1"),
        (["10.0.0.0/8"], "10.0.0.5", "198.51.100.1, 10.0.0.7", "198.51.100.1"),
        (["10.0.0.0/8"], "10.0.0.5", "not-an-ip, 198.51.100.1", "198.51.100.1"),
        (["10.0.0.0/8"], "10.0.0.5", None, "10.0.0.5"),
        (["2001:db8::/32"], "2001:db8::1", "2001:db8::2, [2001:db9::9]:443", "2001:db9::9"),
    ],
)
def test_client_address_reads_forwarded_for_only_from_trusted_proxies(
    settings, trusted, remote, forwarded, expected
):
    settings.PENCAKER_TRUSTED_PROXIES = trusted
    assert client_address(_Request(remote, forwarded)) == expected


def test_card_check_limit_counts_each_citizen_behind_the_proxy(settings, db):
    settings.PENCAKER_TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.PENCAKER_CARD_VERIFY_LIMIT = 1
    client = Client()
    assert _check(client, "198.51.100.1").status_code != 429
    assert _check(client, "198.51.100.1").status_code == 429
    assert _check(client, "198.51.100.2").status_code != 429


def test_card_check_limit_ignores_forwarded_for_from_an_untrusted_peer(settings, db):
    settings.PENCAKER_TRUSTED_PROXIES = []
    settings.PENCAKER_CARD_VERIFY_LIMIT = 1
    client = Client()
    assert _check(client, "198.51.100.1").status_code != 429
    assert _check(client, "198.51.100.2").status_code == 429


def test_lockout_is_per_username_and_address_behind_the_proxy(settings, user_factory):
    settings.PENCAKER_TRUSTED_PROXIES = ["10.0.0.0/8"]
    user_factory(email="op@example.id")
    attacker = Client()
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        _login(attacker, "op@example.id", "x", remote=PROXY, forwarded="198.51.100.66")
    assert (
        _login(attacker, "op@example.id", PASSWORD, remote=PROXY, forwarded="198.51.100.66")
    ).status_code == 429
    # The owner, at another address behind the same proxy, is not locked out.
    owner = _login(Client(), "op@example.id", PASSWORD, remote=PROXY, forwarded="198.51.100.7")
    assert owner.status_code == 200


def test_a_forged_forwarded_for_does_not_escape_the_lockout(settings, user_factory):
    settings.PENCAKER_TRUSTED_PROXIES = []
    user_factory(email="op@example.id")
    client = Client()
    for n in range(django_settings.AXES_FAILURE_LIMIT):
        _login(client, "op@example.id", "x", remote="203.0.113.9", forwarded=f"198.51.100.{n}")
    forged = _login(client, "op@example.id", PASSWORD, remote="203.0.113.9", forwarded="1.1.1.1")
    assert forged.status_code == 429


def test_audit_rows_record_the_client_behind_the_proxy(settings, db):
    settings.PENCAKER_TRUSTED_PROXIES = ["10.0.0.0/8"]
    Client().post(
        "/api/v1/auth/register",
        {
            "email": "baru@example.id",
            "phone": "081234567890",
            "full_name": "Baru Daftar",
            "password": "Kuning-Kartu-77",
            "consent": True,
        },
        content_type="application/json",
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.23",
    )
    event = AuditEvent.objects.get(action="account.registered")
    assert event.ip_address == "198.51.100.23"
