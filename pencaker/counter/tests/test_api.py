"""The counter API: slots, an idempotent booking, the ticket by token, staff calling."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from pencaker.accounts.api_auth import token_issue
from pencaker.counter.models import CounterSettings, Ticket

pytestmark = pytest.mark.django_db

BASE = "/api/v1/counter"


def _client(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=user)}")


@pytest.fixture(autouse=True)
def _all_day(office):
    CounterSettings.objects.create(office=office, opens=dt.time(0, 0), closes=dt.time(23, 59))


def _first_day(client, office) -> str:
    slots = client.get(f"{BASE}/slots", {"office": office.code})
    assert slots.status_code == 200, slots.content
    body = slots.json()
    assert body["opens"] == "00:00"
    assert body["days"][0]["remaining"] == {"A": 20, "B": 20, "C": 20, "D": 20}
    return body["days"][0]["day"]


def test_book_twice_with_one_key_and_read_the_ticket(client, office):
    payload = {
        "office": office.code,
        "service": "C",
        "day": _first_day(client, office),
        "name": "Sari Dewi",
        "contact": "0812 3456 7890",
    }
    first = client.post(
        f"{BASE}/bookings", payload, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k1"
    )
    assert first.status_code == 201, first.content
    again = client.post(
        f"{BASE}/bookings", payload, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k1"
    )
    assert again.status_code == 200
    assert again.json()["token"] == first.json()["token"]
    assert first.json()["code"] == "C-001"
    got = client.get(f"{BASE}/bookings/{first.json()['token']}")
    assert got.status_code == 200 and got.json()["status"] == "waiting"
    assert client.get(f"{BASE}/bookings/unknown").json()["code"] == "counter_not_found"


def test_booking_errors_use_the_error_contract(client, office):
    day = _first_day(client, office)
    response = client.post(
        f"{BASE}/bookings",
        {"office": office.code, "service": "A", "day": day, "name": "", "contact": "x"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "counter_invalid_contact"
    assert "contact" in response.json()["details"]["fields"]
    unknown = client.get(f"{BASE}/slots", {"office": "99.99"})
    assert unknown.status_code == 404


def test_staff_call_over_the_api(client, office, operator, user_factory):
    ticket = Ticket.objects.create(
        office=office, day=timezone.localdate(), service="A", number=1, source="api", token="t1"
    )
    response = _client(operator).post(
        f"{BASE}/queue/call", {"desk": "3"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["code"] == "A-001" and response.json()["desk"] == "3"
    ticket.refresh_from_db()
    assert ticket.status == "called"
    empty = _client(operator).post(f"{BASE}/queue/call", {}, content_type="application/json")
    assert empty.status_code == 409
    citizen = _client(user_factory()).post(
        f"{BASE}/queue/call", {}, content_type="application/json"
    )
    assert citizen.status_code == 403
    assert client.post(f"{BASE}/queue/call", {}, content_type="application/json").status_code == 401


def test_a_booking_with_a_bad_token_is_refused(office):
    payload = {"office": office.code, "service": "A", "day": "2026-03-03", "name": "S"}
    response = Client(HTTP_AUTHORIZATION="Bearer nope").post(
        f"{BASE}/bookings", payload, content_type="application/json"
    )
    assert response.status_code == 401
    assert Ticket.objects.count() == 0
