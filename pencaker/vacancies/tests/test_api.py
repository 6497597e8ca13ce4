import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from pencaker.accounts.api_auth import token_issue
from pencaker.vacancies.models import Vacancy, VacancyApplication

pytestmark = pytest.mark.django_db

BASE = "/api/v1/vacancies"


def _client(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=user)}")


def test_employer_flow_over_the_api(employer, operator, signed_office, seeker):
    c = _client(employer)
    closing = (timezone.localdate() + dt.timedelta(days=20)).isoformat()
    r = c.post(
        f"{BASE}/mine",
        {
            "title": "Kasir",
            "occupation": "5230",
            "location": signed_office.region.code,
            "employment_type": "contract",
            "closing_date": closing,
            "skills": ["melayani pembeli"],
        },
        content_type="application/json",
    )
    assert r.status_code == 201, r.json()
    vacancy_id = r.json()["id"]
    assert c.post(f"{BASE}/mine/{vacancy_id}/submit").json()["status"] == "submitted"

    staff = _client(operator)
    queue = staff.get(f"{BASE}/review/queue").json()
    assert [q["id"] for q in queue] == [vacancy_id]
    r = staff.post(
        f"{BASE}/review/{vacancy_id}/decision",
        {"decision": "return", "items": [{"field": "salary", "text": "Cantumkan gaji"}]},
        content_type="application/json",
    )
    assert r.json()["status"] == "draft"
    r = c.patch(
        f"{BASE}/mine/{vacancy_id}", {"salary_min": 3_000_000}, content_type="application/json"
    )
    assert r.status_code == 200
    c.post(f"{BASE}/mine/{vacancy_id}/submit")
    staff.post(
        f"{BASE}/review/{vacancy_id}/decision",
        {"decision": "publish"},
        content_type="application/json",
    )
    public = Client().get(f"{BASE}/").json()
    assert [v["id"] for v in public] == [vacancy_id]
    assert Client().get(f"{BASE}/{vacancy_id}").json()["salary_min"] == 3_000_000

    s = _client(seeker)
    headers = {"HTTP_IDEMPOTENCY_KEY": "abc"}
    first = s.post(
        f"{BASE}/{vacancy_id}/applications", {}, content_type="application/json", **headers
    )
    again = s.post(
        f"{BASE}/{vacancy_id}/applications", {}, content_type="application/json", **headers
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    application_id = first.json()["id"]

    rows = c.get(f"{BASE}/mine/{vacancy_id}/applications").json()
    assert rows[0]["snapshot"]["name"] == seeker.seeker_profile.full_name
    r = c.patch(
        f"{BASE}/applications/{application_id}",
        {"to": "shortlisted", "note": "internal"},
        content_type="application/json",
    )
    assert r.json()["status"] == "shortlisted"
    mine = s.get(f"{BASE}/applications/mine").json()
    assert [h["status"] for h in mine[0]["history"]] == ["received", "shortlisted"]
    assert "notes" not in mine[0] and "snapshot" not in mine[0]
    assert s.post(f"{BASE}/applications/{application_id}/withdraw").json()["status"] == "withdrawn"


def test_errors_use_the_one_contract(employer, signed_office):
    r = _client(employer).post(f"{BASE}/mine", {"title": ""}, content_type="application/json")
    assert r.status_code == 400
    body = r.json()
    assert body["code"] == "invalid_vacancy"
    assert "title" in body["details"]["fields"]


def test_other_employer_gets_not_found(published, other_employer):
    r = _client(other_employer).get(f"{BASE}/mine/{published.pk}/applications")
    assert r.status_code == 404
    assert Vacancy.objects.count() == 1 and VacancyApplication.objects.count() == 0
