"""The applications API: permissions, the happy path, idempotency and error mapping."""

from __future__ import annotations

import pytest
from django.test import Client

from pencaker.accounts.api_auth import token_issue
from pencaker.applications.choices import Status
from pencaker.applications.models import Application

URL = "/api/v1/applications"

pytestmark = pytest.mark.django_db


def api_client(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=user)}", HTTP_ACCEPT_LANGUAGE="id")


def post(client: Client, path: str, data=None, **headers):
    return client.post(f"{URL}{path}", data or {}, content_type="application/json", headers=headers)


@pytest.fixture
def seeker_api(applicant):
    return api_client(applicant)


@pytest.fixture
def operator_api(operator):
    return api_client(operator)


def test_every_operation_needs_a_token():
    assert Client().get(f"{URL}/checklist").status_code == 401
    assert Client().post(f"{URL}/", {}, content_type="application/json").status_code == 401
    assert Client().get(f"{URL}/operator/queue").status_code == 401


def test_openapi_lists_the_operation_ids():
    schema = Client().get("/api/v1/openapi.json").json()
    ids = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert {
        "application_checklist",
        "application_submit",
        "application_list_mine",
        "application_get",
        "application_withdraw",
        "application_resubmit",
        "operator_queue",
        "operator_claim",
        "operator_release",
        "operator_approve",
        "operator_return",
        "operator_reject",
    } <= ids


def test_checklist_lists_the_missing_photo(seeker_factory):
    client = api_client(seeker_factory(documents=("ktp", "ijazah")))
    body = client.get(f"{URL}/checklist").json()
    assert body["is_complete"] is False
    assert [m["code"] for m in body["missing"]] == ["document.photo"]


def test_submit_requires_the_idempotency_key(seeker_api):
    response = post(seeker_api, "/", {"type": "new"})
    assert response.status_code == 400
    assert response.json()["code"] == "idempotency_key_required"
    assert not Application.objects.exists()


def test_submit_answers_201_then_200_with_the_same_application(seeker_api):
    first = post(seeker_api, "/", {"type": "new"}, **{"Idempotency-Key": "abc-1"})
    again = post(seeker_api, "/", {"type": "new"}, **{"Idempotency-Key": "abc-1"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["tracking_number"] == again.json()["tracking_number"]
    assert first.json()["status"] == Status.SUBMITTED
    assert Application.objects.count() == 1


def test_submit_with_missing_items_answers_400_with_the_list(seeker_factory):
    client = api_client(seeker_factory(documents=("ktp", "ijazah")))
    response = post(client, "/", {"type": "new"}, **{"Idempotency-Key": "k"})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "checklist_incomplete"
    assert [m["code"] for m in body["details"]["missing"]] == ["document.photo"]
    assert "Pas foto" in body["message"]


def test_second_open_request_is_a_409(seeker_api):
    post(seeker_api, "/", {}, **{"Idempotency-Key": "a"})
    response = post(seeker_api, "/", {}, **{"Idempotency-Key": "b"})
    assert response.status_code == 409
    assert response.json()["code"] == "already_open"


def test_unknown_type_is_a_400(seeker_api):
    response = post(seeker_api, "/", {"type": "gratis"}, **{"Idempotency-Key": "x"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_type"


def test_staff_cannot_submit(operator_api):
    response = post(operator_api, "/", {}, **{"Idempotency-Key": "x"})
    assert response.status_code == 403


def test_job_seeker_cannot_use_the_operator_queue(seeker_api):
    assert seeker_api.get(f"{URL}/operator/queue").status_code == 403


def test_get_and_list_mine_show_only_own_requests(make_application, seeker_api, seeker_factory):
    application = make_application()
    body = seeker_api.get(f"{URL}/{application.tracking_number}").json()
    assert body["tracking_number"] == application.tracking_number
    assert body["staff"] is None
    assert [t["to_status"] for t in body["timeline"]] == [Status.SUBMITTED]
    assert [a["id"] for a in seeker_api.get(f"{URL}/mine").json()] == [application.pk]
    stranger = api_client(seeker_factory())
    assert stranger.get(f"{URL}/{application.tracking_number}").status_code == 404


def test_operator_walks_claim_return_then_applicant_resubmits_and_operator_approves(
    make_application, seeker_api, operator_api
):
    application = make_application()
    queue = operator_api.get(f"{URL}/operator/queue").json()
    assert [row["id"] for row in queue] == [application.pk]

    claimed = post(operator_api, f"/operator/{application.pk}/claim")
    assert claimed.status_code == 200
    assert claimed.json()["status"] == Status.IN_REVIEW
    assert claimed.json()["staff"]["documents"]

    returned = post(
        operator_api,
        f"/operator/{application.pk}/return",
        {
            "items": [
                {"item": "document:photo", "reason": "unreadable"},
                {"item": "address", "reason": "other", "text": "RT/RW kosong"},
            ]
        },
    )
    assert returned.status_code == 200
    seen = seeker_api.get(f"{URL}/{application.tracking_number}").json()
    assert [(r["item"], r["reason"]) for r in seen["return_items"]] == [
        ("document:photo", "unreadable"),
        ("address", "other"),
    ]
    assert seen["sla"]["paused"] is True

    resubmitted = post(seeker_api, f"/{application.tracking_number}/resubmit")
    assert resubmitted.status_code == 200
    post(operator_api, f"/operator/{application.pk}/claim")
    approved = post(operator_api, f"/operator/{application.pk}/approve", {"note": "Lengkap"})
    assert approved.status_code == 200
    assert approved.json()["status"] == Status.APPROVED


def test_deciding_an_application_twice_is_a_409(make_application, operator_api):
    application = make_application(Status.IN_REVIEW)
    assert post(operator_api, f"/operator/{application.pk}/approve").status_code == 200
    again = post(operator_api, f"/operator/{application.pk}/reject", {"reason": "fraudulent"})
    assert again.status_code == 409
    assert again.json()["code"] == "already_decided"


def test_another_operator_cannot_decide_a_claimed_application(make_application, operator2):
    application = make_application(Status.IN_REVIEW)
    response = post(api_client(operator2), f"/operator/{application.pk}/approve")
    assert response.status_code == 409
    assert response.json()["code"] == "claimed_by_other"


def test_other_office_gets_404(make_application, foreign_operator):
    application = make_application()
    client = api_client(foreign_operator)
    assert post(client, f"/operator/{application.pk}/claim").status_code == 404
    assert client.get(f"{URL}/{application.tracking_number}").status_code == 404


def test_return_with_an_unknown_item_is_a_400(make_application, operator_api):
    application = make_application(Status.IN_REVIEW)
    response = post(
        operator_api,
        f"/operator/{application.pk}/return",
        {"items": [{"item": "zzz", "reason": "unreadable"}]},
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_return_item"


def test_reject_with_unknown_reason_is_a_400(make_application, operator_api):
    application = make_application(Status.IN_REVIEW)
    response = post(operator_api, f"/operator/{application.pk}/reject", {"reason": "x"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_reject_reason"


def test_withdraw_through_the_api(make_application, seeker_api):
    application = make_application()
    response = post(seeker_api, f"/{application.tracking_number}/withdraw")
    assert response.status_code == 200
    assert response.json()["status"] == Status.WITHDRAWN


def test_pimpinan_can_read_the_queue_but_not_claim(make_application, user_factory, office):
    application = make_application()
    client = api_client(user_factory("pimpinan", office=office))
    assert client.get(f"{URL}/operator/queue").status_code == 200
    assert post(client, f"/operator/{application.pk}/claim").status_code == 403


@pytest.mark.django_db(transaction=True)
def test_submit_answers_only_after_the_application_is_committed(applicant):
    import threading

    from django.db import connections

    response = post(api_client(applicant), "/", {}, **{"Idempotency-Key": "durable"})
    assert response.status_code == 201
    seen: list[str] = []

    def other_connection() -> None:
        try:
            seen.extend(Application.objects.values_list("tracking_number", flat=True))
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_connection)
    thread.start()
    thread.join(timeout=60)
    assert seen == [response.json()["tracking_number"]]
