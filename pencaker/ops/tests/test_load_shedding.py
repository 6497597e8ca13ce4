"""Load shedding: beyond the in-flight limit, a clean 503 with Retry-After, no view runs."""

from __future__ import annotations

import json
import threading

import pytest
from django.db import OperationalError
from django.http import HttpResponse
from django.test import RequestFactory

from pencaker.ops.load_shedding import LoadSheddingMiddleware


@pytest.fixture
def tiny_limit(settings):
    settings.PENCAKER_MAX_IN_FLIGHT = 1
    settings.PENCAKER_QUEUE_WAIT_MS = 0
    settings.PENCAKER_RETRY_AFTER = 7


def _never_called(request):
    raise AssertionError("the view must not run for a shed request")


def _ok(request):
    return HttpResponse("ok")


@pytest.mark.django_db
def test_page_request_beyond_limit_gets_indonesian_try_again_page(tiny_limit):
    middleware = LoadSheddingMiddleware(_never_called)
    middleware.slots.acquire()  # another request holds the only slot
    response = middleware(RequestFactory().get("/profil/"))
    assert response.status_code == 503
    assert response["Retry-After"] == "7"
    body = response.content.decode()
    assert "Silakan coba lagi sebentar lagi" in body
    assert "Tidak ada yang tersimpan" in body
    assert '<html lang="id">' in body


@pytest.mark.django_db
def test_page_in_english_when_the_language_cookie_says_so(tiny_limit):
    middleware = LoadSheddingMiddleware(_never_called)
    middleware.slots.acquire()
    request = RequestFactory().get("/profil/")
    request.COOKIES["django_language"] = "en"
    response = middleware(request)
    assert response.status_code == 503
    assert "Please try again in a moment" in response.content.decode()


def test_api_request_beyond_limit_gets_json_overloaded(tiny_limit):
    middleware = LoadSheddingMiddleware(_never_called)
    middleware.slots.acquire()
    response = middleware(
        RequestFactory().post("/api/v1/applications/", data={}, content_type="application/json")
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "7"
    body = json.loads(response.content)
    assert body["code"] == "overloaded"
    assert body["details"] == {"retry_after": 7}
    assert body["message"]


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/static/pencaker/site.css"])
def test_health_and_static_are_exempt(tiny_limit, path):
    middleware = LoadSheddingMiddleware(_ok)
    middleware.slots.acquire()
    assert middleware(RequestFactory().get(path)).status_code == 200


def test_slot_is_given_back_after_the_request_even_when_the_view_fails(tiny_limit):
    def boom(request):
        raise ValueError("view failed")

    middleware = LoadSheddingMiddleware(boom)
    with pytest.raises(ValueError):
        middleware(RequestFactory().get("/"))
    middleware.get_response = _ok
    assert middleware(RequestFactory().get("/")).status_code == 200


def test_concurrent_request_is_shed_while_one_is_running(tiny_limit):
    started, finish = threading.Event(), threading.Event()

    def slow(request):
        started.set()
        finish.wait(timeout=30)
        return HttpResponse("done")

    middleware = LoadSheddingMiddleware(slow)
    results = {}
    first = threading.Thread(
        target=lambda: results.setdefault("first", middleware(RequestFactory().get("/a")))
    )
    first.start()
    assert started.wait(timeout=30)
    try:
        second = middleware(RequestFactory().get("/api/v1/cards/x", HTTP_ACCEPT="application/json"))
    finally:
        finish.set()
        first.join(timeout=30)
    assert second.status_code == 503
    assert results["first"].status_code == 200


def test_zero_limit_disables_shedding(settings):
    settings.PENCAKER_MAX_IN_FLIGHT = 0
    middleware = LoadSheddingMiddleware(_ok)
    assert middleware.slots is None
    assert middleware(RequestFactory().get("/")).status_code == 200


@pytest.mark.django_db
def test_database_failure_in_a_view_answers_503_not_500(tiny_limit):
    middleware = LoadSheddingMiddleware(_ok)
    request = RequestFactory().post("/api/v1/applications/")
    response = middleware.process_exception(request, OperationalError("server closed"))
    assert response.status_code == 503
    assert response["Retry-After"] == "7"
    assert json.loads(response.content)["code"] == "unavailable"


def test_other_exceptions_are_left_to_django(tiny_limit):
    middleware = LoadSheddingMiddleware(_ok)
    assert middleware.process_exception(RequestFactory().get("/"), ValueError("x")) is None


@pytest.mark.django_db
def test_installed_in_the_stack_and_health_still_answers(client):
    from django.conf import settings

    assert "pencaker.ops.load_shedding.LoadSheddingMiddleware" in settings.MIDDLEWARE
    assert client.get("/healthz").status_code == 200
