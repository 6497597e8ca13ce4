from datetime import timedelta

from django.utils import timezone

from pencaker.accounts.api_auth import TokenAuth, token_hash, token_issue, token_user
from pencaker.accounts.models import ApiToken


def test_issued_token_is_stored_only_as_its_sha256_hash(user_factory):
    user = user_factory()
    raw = token_issue(user=user, name="phone")
    stored = ApiToken.objects.get(user=user)
    assert stored.key_hash == token_hash(raw)
    assert raw not in stored.key_hash
    assert len(stored.key_hash) == 64


def test_valid_token_resolves_to_its_user(user_factory):
    user = user_factory()
    raw = token_issue(user=user)
    assert token_user(raw) == user
    assert ApiToken.objects.get(user=user).last_used_at is not None


def test_unknown_revoked_or_expired_token_is_refused(user_factory):
    user = user_factory()
    revoked = token_issue(user=user)
    ApiToken.objects.filter(key_hash=token_hash(revoked)).update(revoked_at=timezone.now())
    expired = token_issue(user=user, ttl=timedelta(days=1))
    ApiToken.objects.filter(key_hash=token_hash(expired)).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert token_user("not-a-token") is None
    assert token_user(revoked) is None
    assert token_user(expired) is None


def test_token_of_inactive_user_is_refused(user_factory):
    user = user_factory()
    raw = token_issue(user=user)
    user.is_active = False
    user.save()
    assert token_user(raw) is None


def test_token_auth_sets_request_user(user_factory, rf):
    user = user_factory()
    raw = token_issue(user=user)
    request = rf.get("/")
    assert TokenAuth().authenticate(request, raw) == user
    assert request.user == user
