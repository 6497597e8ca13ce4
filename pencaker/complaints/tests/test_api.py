"""The complaints API: the public flow with number and secret, the staff operations, who
reaches what and where the identity appears."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from pencaker.accounts.api_auth import token_issue
from pencaker.complaints.choices import Channel, Privacy
from pencaker.complaints.models import Complaint

pytestmark = pytest.mark.django_db

BASE = "/api/v1/complaints"


def _client(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=user)}")


def _payload(office, **extra):
    data = {
        "office": office.code,
        "category": "fees",
        "text": "Diminta biaya Rp50.000 di loket untuk kartu AK/1.",
        "contact_channel": "email",
        "contact": "warga@example.id",
    }
    data.update(extra)
    return data


def _post(client, url, data, **headers):
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


def test_public_flow_over_the_api(client, office, officer, operator):
    created = _post(client, f"{BASE}/", _payload(office), HTTP_IDEMPOTENCY_KEY="api-1")
    assert created.status_code == 201, created.content
    body = created.json()
    again = _post(client, f"{BASE}/", _payload(office), HTTP_IDEMPOTENCY_KEY="api-1")
    assert again.status_code == 200
    assert again.json()["tracking_number"] == body["tracking_number"]
    number, secret = body["tracking_number"], body["secret"]
    complaint_id = Complaint.objects.get(tracking_number=number).pk
    staff = _client(officer)
    queue = staff.get(f"{BASE}/staff/queue").json()
    assert [c["tracking_number"] for c in queue] == [number]
    assert _post(staff, f"{BASE}/staff/{complaint_id}/verify", {"tier": "light"}).status_code == 200
    assigned = _post(staff, f"{BASE}/staff/{complaint_id}/assign", {"assignee": operator.pk})
    assert assigned.json()["status"] == "assigned"
    answered = _post(
        _client(operator),
        f"{BASE}/staff/{complaint_id}/answer",
        {"answer": "Petugas ditegur; layanan AK/1 gratis."},
    )
    assert answered.status_code == 200, answered.content
    track = client.get(f"{BASE}/track/{number}/{secret}").json()
    assert track["status"] == "answered"
    rated = _post(client, f"{BASE}/track/{number}/{secret}/reply", {"action": "rate", "rating": 4})
    assert rated.json()["rating"] == 4
    reopened = _post(
        client,
        f"{BASE}/track/{number}/{secret}/reply",
        {"action": "reopen", "reason": "Masih diminta biaya pekan ini."},
    )
    assert reopened.json()["status"] == "reopened"
    escalated = _post(staff, f"{BASE}/staff/{complaint_id}/escalate", {})
    assert escalated.json()["status"] == "escalated"
    stats = client.get(f"{BASE}/stats").json()
    assert stats["total"] == 1


def test_errors_follow_the_contract(client, office):
    bad = _post(client, f"{BASE}/", _payload(office, text="x"))
    assert bad.status_code == 400
    assert bad.json()["code"] == "invalid_complaint"
    assert "text" in bad.json()["details"]["fields"]
    assert client.get(f"{BASE}/track/ADU-0000-0000-0000/nope").status_code == 404
    reply = _post(client, f"{BASE}/track/ADU-0000-0000-0000/nope/reply", {"action": "dance"})
    assert reply.status_code in (400, 404)


def test_staff_operations_need_a_staff_token(client, user_factory, submit):
    complaint = submit()
    assert client.get(f"{BASE}/staff/queue").status_code == 401
    seeker = _client(user_factory())
    assert seeker.get(f"{BASE}/staff/queue").status_code == 403
    assert (
        _post(seeker, f"{BASE}/staff/{complaint.pk}/verify", {"tier": "light"}).status_code == 403
    )


def test_named_staff_member_cannot_reach_it_over_the_api(submit, operator, named):
    complaint = submit(actor=operator, channel=Channel.COUNTER, named_staff_id=named.pk)
    api = _client(named)
    assert (
        complaint.tracking_number not in api.get(f"{BASE}/staff/queue?status=all").content.decode()
    )
    assert (
        complaint.tracking_number
        not in api.get(
            f"{BASE}/staff/queue?status=all&q={complaint.tracking_number}"
        ).content.decode()
    )
    for op in ("verify", "assign", "answer", "escalate"):
        response = _post(
            api,
            f"{BASE}/staff/{complaint.pk}/{op}",
            {"tier": "light", "answer": "x" * 20, "unit": "U"},
        )
        assert response.status_code == 404, op


def test_identity_only_for_the_officer_over_the_api(
    submit, officer, operator, pimpinan, admin_dinas
):
    complaint = submit(
        privacy=Privacy.CONFIDENTIAL, name="Nama Rahasia Sekali", contact="rahasia@example.id"
    )
    officer_view = _client(officer).get(f"{BASE}/staff/queue").json()
    assert officer_view[0]["identity"]["name"] == "Nama Rahasia Sekali"
    for user in (operator, pimpinan, admin_dinas):
        body = _client(user).get(f"{BASE}/staff/queue").content.decode()
        assert "Nama Rahasia Sekali" not in body and "rahasia@example.id" not in body
    public = Client().get(f"{BASE}/stats").content.decode()
    assert "Nama Rahasia" not in public
    from pencaker.complaints.links import complaint_secret

    track = Client().get(f"{BASE}/track/{complaint.tracking_number}/{complaint_secret(complaint)}")
    assert "Nama Rahasia" not in track.content.decode()
    assert "rahasia@example.id" not in track.content.decode()
