"""The primary/standby router (pencaker.core.db_routing, ADR 0030): lag-tolerant views read
the standby until the request writes; a browser that just wrote reads the primary."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import resolve

from pencaker.accounts.models import User
from pencaker.core import db_routing
from pencaker.core.db_routing import (
    PIN_COOKIE,
    PrimaryReplicaRouter,
    ReplicaRoutingMiddleware,
    routing_scope,
)

router = PrimaryReplicaRouter()


@pytest.fixture
def replica(monkeypatch):
    """A deployment with a standby (the alias itself is never connected to here)."""
    monkeypatch.setattr(db_routing, "replica_configured", lambda: True)


def test_reads_go_to_the_primary_outside_a_request(replica):
    # Task worker, scheduler and commands: no routing scope, always the primary.
    assert router.db_for_read(User) == "default"


def test_a_lag_tolerant_request_reads_the_standby(replica):
    with routing_scope(lag_tolerant=True):
        assert router.db_for_read(User) == "replica"


def test_other_views_read_the_primary(replica):
    with routing_scope(lag_tolerant=False):
        assert router.db_for_read(User) == "default"


def test_after_a_write_the_rest_of_the_request_reads_the_primary(replica):
    with routing_scope(lag_tolerant=True) as state:
        assert router.db_for_read(User) == "replica"
        assert router.db_for_write(User) == "default"
        assert state.pinned
        assert router.db_for_read(User) == "default"


def test_writes_go_to_the_primary_even_for_an_instance_read_from_the_standby(replica):
    user = User(email="x@example.test")
    user._state.db = "replica"
    with routing_scope(lag_tolerant=True):
        assert router.db_for_write(User, instance=user) == "default"
    assert router.db_for_write(User, instance=user) == "default"


@pytest.mark.django_db
def test_reads_inside_a_transaction_stay_on_the_primary(replica):
    with routing_scope(lag_tolerant=True), transaction.atomic():
        assert router.db_for_read(User) == "default"


def test_without_a_standby_everything_reads_the_primary():
    with routing_scope(lag_tolerant=True):
        assert router.db_for_read(User) == "default"


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate("default", "accounts")
    assert not router.allow_migrate("replica", "accounts")
    assert router.allow_relation(User(), User())


def _through_middleware(request, *, write: bool = False):
    """Run a request through the middleware; the view records where its reads went."""
    seen: list[str] = []

    def view(req):
        seen.append(router.db_for_read(User))
        if write:
            router.db_for_write(User)
            seen.append(router.db_for_read(User))
        return HttpResponse("ok")

    middleware = ReplicaRoutingMiddleware(view)

    def get_response(req):
        req.resolver_match = resolve(req.path)
        middleware.process_view(req, view, (), {})
        return view(req)

    middleware.get_response = get_response
    return middleware(request), seen


def test_middleware_sends_the_vacancy_board_to_the_standby(replica):
    response, seen = _through_middleware(RequestFactory().get("/lowongan/"))
    assert seen == ["replica"]
    assert PIN_COOKIE not in response.cookies


def test_middleware_keeps_the_home_page_on_the_primary(replica):
    _, seen = _through_middleware(RequestFactory().get("/"))
    assert seen == ["default"]


def test_a_card_check_reads_the_standby_until_it_logs(replica):
    # POST, but lag-tolerant: the card may come from the standby; the log row pins.
    response, seen = _through_middleware(
        RequestFactory().post("/api/v1/cards/verify", {}), write=True
    )
    assert seen == ["replica", "default"]
    assert PIN_COOKIE not in response.cookies


def test_a_write_sets_the_cookie_and_the_next_read_uses_the_primary(replica):
    response, _ = _through_middleware(RequestFactory().post("/permohonan/"), write=True)
    cookie = response.cookies[PIN_COOKIE]
    assert cookie["max-age"] == 10
    assert cookie["httponly"]
    follow = RequestFactory().get("/lowongan/")
    follow.COOKIES[PIN_COOKIE] = "1"
    _, seen = _through_middleware(follow)
    assert seen == ["default"]


@override_settings(PENCAKER_PRIMARY_PIN_SECONDS=3)
def test_the_pin_lasts_as_configured(replica):
    response, _ = _through_middleware(RequestFactory().post("/permohonan/"), write=True)
    assert response.cookies[PIN_COOKIE]["max-age"] == 3


def test_a_refused_write_sets_no_cookie(replica):
    def refusing(req):
        return HttpResponse(status=400)

    middleware = ReplicaRoutingMiddleware(refusing)
    response = middleware(RequestFactory().post("/permohonan/"))
    assert PIN_COOKIE not in response.cookies


def test_settings_add_the_router_only_with_a_replica_url():
    import os
    import subprocess
    import sys

    code = (
        "from django.conf import settings; import django; django.setup(); "
        "print(settings.DATABASE_ROUTERS, 'replica' in settings.DATABASES, "
        "'pencaker.core.db_routing.ReplicaRoutingMiddleware' in settings.MIDDLEWARE, "
        "settings.DATABASES['default'].get('DISABLE_SERVER_SIDE_CURSORS'))"
    )
    base = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_REPLICA_URL", "PENCAKER_ENV"}
    }
    base.update(
        {
            "DJANGO_SETTINGS_MODULE": "pencaker.settings",
            "DATABASE_URL": "postgres://u@127.0.0.1:6432/pencaker",
            "SECRET_KEY": "x" * 50,
        }
    )
    plain = subprocess.run(
        [sys.executable, "-c", code], env=base, capture_output=True, text=True, check=True
    )
    assert plain.stdout.split() == ["[]", "False", "False", "False"]
    routed = subprocess.run(
        [sys.executable, "-c", code],
        env={
            **base,
            "DATABASE_REPLICA_URL": "postgres://u@127.0.0.1:6432/pencaker_ro",
            "DATABASE_TRANSACTION_POOLING": "true",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert routed.stdout.split() == [
        "['pencaker.core.db_routing.PrimaryReplicaRouter']",
        "True",
        "True",
        "True",
    ]
