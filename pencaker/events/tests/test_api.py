"""The events API: public reads, registration with an Idempotency-Key, check-in."""

from __future__ import annotations

from django.test import Client

from pencaker.accounts.api_auth import token_issue
from pencaker.events import services, tickets
from pencaker.events.models import Registration


def api(user=None, **headers):
    if user is None:
        return Client(**headers)
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=user)}", **headers)


def test_public_list_and_get(fair, operator, published):
    services.event_employers_set(
        actor=operator,
        event_id=fair.pk,
        organisation_ids=[published.organisation_id],
        vacancy_ids=[published.pk],
    )
    rows = api().get("/api/v1/events/").json()
    assert [r["id"] for r in rows] == [fair.pk]
    assert rows[0]["quota"] == 2 and rows[0]["is_open"] is True
    one = api().get(f"/api/v1/events/{fair.pk}").json()
    assert one["employers"] == [
        {"organisation": published.organisation.legal_name, "vacancies": [published.pk]}
    ]
    missing = api().get("/api/v1/events/999999")
    assert missing.status_code == 404 and missing.json()["code"] == "event_not_found"


def test_register_is_idempotent_and_reports_the_waiting_list(fair, seekers):
    first = api(seekers[0], HTTP_IDEMPOTENCY_KEY="k-1").post(
        f"/api/v1/events/{fair.pk}/registrations"
    )
    assert first.status_code == 201 and first.json()["status"] == "registered"
    assert first.json()["ticket_code"]
    again = api(seekers[0], HTTP_IDEMPOTENCY_KEY="k-1").post(
        f"/api/v1/events/{fair.pk}/registrations"
    )
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    api(seekers[1]).post(f"/api/v1/events/{fair.pk}/registrations")
    third = api(seekers[2]).post(f"/api/v1/events/{fair.pk}/registrations")
    assert third.status_code == 201
    assert third.json()["status"] == "waitlisted" and third.json()["ticket_code"] is None
    assert Registration.objects.count() == 3


def test_register_refusals(fair, operator):
    response = api(operator).post(f"/api/v1/events/{fair.pk}/registrations")
    assert response.status_code == 403 and response.json()["code"] == "not_job_seeker"
    assert api().post(f"/api/v1/events/{fair.pk}/registrations").status_code == 401


def test_checkin_by_code_and_link(fair, seekers, operator, other_operator):
    regs = [services.event_register(actor=s, event_id=fair.pk)[0] for s in seekers[:2]]
    url = f"/api/v1/events/{fair.pk}/checkin"
    ok = api(operator).post(url, {"code": regs[0].ticket_code}, content_type="application/json")
    assert ok.status_code == 200
    assert ok.json()["already_checked_in"] is False and ok.json()["attended"] == 1
    link = tickets.checkin_url(regs[1])
    ok = api(operator).post(url, {"code": link}, content_type="application/json")
    assert ok.json()["registration"] == regs[1].pk
    again = api(operator).post(url, {"code": link}, content_type="application/json")
    assert again.json()["already_checked_in"] is True
    bad = api(operator).post(url, {"code": "12-34"}, content_type="application/json")
    assert bad.status_code == 400 and "code" in bad.json()["details"]["fields"]
    other = api(other_operator).post(
        url, {"code": regs[0].ticket_code}, content_type="application/json"
    )
    assert other.status_code == 404
    seeker = api(seekers[0]).post(
        url, {"code": regs[0].ticket_code}, content_type="application/json"
    )
    assert seeker.status_code == 403
