"""API tokens expire and are revoked by every change that should end them (issue 14,
security item 2): unused for PENCAKER_API_TOKEN_IDLE_DAYS (30), at most
PENCAKER_API_TOKEN_MAX_DAYS (90) old; a password change, a password reset, a 2FA reset
and deactivation end them; auth_logout, auth_token_list and auth_token_revoke."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.forms import SetPasswordForm
from django.test import Client
from django.utils import timezone

from pencaker.accounts import services
from pencaker.accounts.api_auth import token_hash, token_issue, token_user
from pencaker.accounts.models import ApiToken, Role

PASSWORD = "Rahasia-123!"


def _bearer(raw: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="id")


def _row(raw: str) -> ApiToken:
    return ApiToken.objects.get(key_hash=token_hash(raw))


def test_a_token_unused_for_the_idle_period_is_refused(user_factory, settings):
    settings.PENCAKER_API_TOKEN_IDLE_DAYS = 30
    user = user_factory()
    raw = token_issue(user=user)
    long_ago = timezone.now() - timedelta(days=31)
    ApiToken.objects.filter(pk=_row(raw).pk).update(created_at=long_ago, last_used_at=long_ago)
    assert token_user(raw) is None


def test_a_token_used_recently_stays_valid(user_factory, settings):
    settings.PENCAKER_API_TOKEN_IDLE_DAYS = 30
    user = user_factory()
    raw = token_issue(user=user)
    ApiToken.objects.filter(pk=_row(raw).pk).update(
        created_at=timezone.now() - timedelta(days=40),
        last_used_at=timezone.now() - timedelta(days=29),
    )
    assert token_user(raw) == user


def test_a_token_in_daily_use_ends_after_the_maximum_age(user_factory, settings):
    settings.PENCAKER_API_TOKEN_MAX_DAYS = 90
    user = user_factory()
    raw = token_issue(user=user)
    ApiToken.objects.filter(pk=_row(raw).pk).update(
        created_at=timezone.now() - timedelta(days=91),
        last_used_at=timezone.now() - timedelta(hours=1),
        expires_at=None,
    )
    assert token_user(raw) is None


def test_issued_tokens_carry_the_maximum_age_as_expiry(user_factory, settings):
    settings.PENCAKER_API_TOKEN_MAX_DAYS = 90
    raw = token_issue(user=user_factory(), ttl=timedelta(days=365))
    expires_at = _row(raw).expires_at
    assert expires_at is not None
    assert expires_at <= timezone.now() + timedelta(days=90)


def test_a_password_change_revokes_the_tokens(user_factory):
    user = user_factory(email="siti@example.id")
    raw = token_issue(user=user)
    client = Client()
    client.force_login(user)
    response = client.post(
        "/akun/ganti-sandi/",
        {
            "old_password": PASSWORD,
            "new_password1": "Kuning-Kartu-88",
            "new_password2": "Kuning-Kartu-88",
        },
    )
    assert response.status_code == 302
    assert token_user(raw) is None
    assert _bearer(raw).get("/api/v1/auth/tokens").status_code == 401


def test_a_password_reset_revokes_the_tokens(user_factory):
    user = user_factory()
    raw = token_issue(user=user)
    # The reset page saves the new password with Django's SetPasswordForm.
    form = SetPasswordForm(
        user, {"new_password1": "Kuning-Kartu-88", "new_password2": "Kuning-Kartu-88"}
    )
    assert form.is_valid()
    form.save()
    assert token_user(raw) is None


def test_a_two_factor_reset_revokes_the_tokens(user_factory, office):
    admin = user_factory(role=Role.ADMIN_DINAS, office=office)
    staff = user_factory(role=Role.OPERATOR, office=office)
    raw = token_issue(user=staff)
    services.staff_two_factor_reset(actor=admin, staff_id=staff.pk)
    assert token_user(raw) is None
    assert _row(raw).revoked_at is not None


def test_deactivation_revokes_the_tokens(user_factory, office):
    admin = user_factory(role=Role.ADMIN_DINAS, office=office)
    staff = user_factory(role=Role.OPERATOR, office=office)
    raw = token_issue(user=staff)
    services.staff_deactivate(actor=admin, staff_id=staff.pk)
    services.staff_reactivate(actor=admin, staff_id=staff.pk)
    assert token_user(raw) is None


def test_logout_revokes_only_the_token_it_was_sent_with(user_factory):
    user = user_factory()
    current, other = token_issue(user=user), token_issue(user=user)
    response = _bearer(current).post("/api/v1/auth/logout")
    assert response.status_code == 204
    assert token_user(current) is None
    assert token_user(other) == user


def test_token_list_shows_only_ones_own_valid_tokens(user_factory):
    user, stranger = user_factory(), user_factory()
    current = token_issue(user=user, name="hp")
    token_issue(user=user, name="laptop")
    revoked = token_issue(user=user, name="lama")
    ApiToken.objects.filter(pk=_row(revoked).pk).update(revoked_at=timezone.now())
    token_issue(user=stranger, name="orang lain")
    response = _bearer(current).get("/api/v1/auth/tokens")
    assert response.status_code == 200
    body = response.json()
    assert sorted(t["name"] for t in body) == ["hp", "laptop"]
    assert [t["current"] for t in body if t["name"] == "hp"] == [True]
    assert all("key_hash" not in t and "token" not in t for t in body)


def test_token_revoke_ends_one_of_ones_own_tokens(user_factory):
    user = user_factory()
    current, other = token_issue(user=user), token_issue(user=user)
    response = _bearer(current).delete(f"/api/v1/auth/tokens/{_row(other).pk}")
    assert response.status_code == 204
    assert token_user(other) is None and token_user(current) == user


def test_token_revoke_of_someone_elses_token_is_404(user_factory):
    mine = token_issue(user=user_factory())
    theirs = token_issue(user=user_factory())
    response = _bearer(mine).delete(f"/api/v1/auth/tokens/{_row(theirs).pk}")
    assert response.status_code == 404
    assert response.json()["code"] == "api_token_not_found"
    assert token_user(theirs) is not None


@pytest.mark.parametrize(
    ("method", "url"),
    [("post", "/api/v1/auth/logout"), ("get", "/api/v1/auth/tokens")],
)
def test_token_operations_need_a_token(db, method, url):
    assert getattr(Client(), method)(url).status_code == 401
