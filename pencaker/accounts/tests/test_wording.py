"""Indonesian pages say "kata sandi" for a password, never Django's own "Sandi"."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

BARE_SANDI = re.compile(r"(?<![Kk]ata )\b[Ss]andi\b")


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>|href=\"[^\"]*\"", " ", html)


def bare_sandi(response) -> list[str]:
    text = visible_text(response.content.decode())
    return [text[max(m.start() - 30, 0) : m.end() + 10] for m in BARE_SANDI.finditer(text)]


@pytest.mark.django_db
def test_login_page_says_kata_sandi(client):
    assert bare_sandi(client.get(reverse("accounts:login"))) == []


@pytest.mark.django_db
def test_password_change_page_says_kata_sandi(client, user_factory):
    client.force_login(user_factory())
    response = client.post(reverse("accounts:password_change"), {"old_password": "salah"})

    assert bare_sandi(response) == []


@pytest.mark.django_db
def test_password_reset_confirm_page_says_kata_sandi(client, user_factory):
    user = user_factory()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    response = client.get(
        reverse("accounts:password_reset_confirm", args=[uid, token]), follow=True
    )

    assert response.status_code == 200
    assert bare_sandi(response) == []
