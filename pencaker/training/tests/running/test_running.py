"""Attendance (staff list and the session's signed, expiring QR), the completion rule
(attendance share and assessment), drop-outs, ratings, follow-up surveys through the
outbox, the programme report, and the pages' and API's permissions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from pencaker.core.errors import DomainError
from pencaker.notifications.models import Notification
from pencaker.training import running_report, services_running
from pencaker.training.models_running import Attendance, FollowUp

pytestmark = pytest.mark.django_db


def _regs(wave):
    return list(wave.registrations.order_by("pk"))


def test_staff_mark_attendance_and_other_offices_get_404(running_wave, operator, other_operator):
    first, second = _regs(running_wave)
    session = running_wave.sessions.first()
    counts = services_running.attendance_mark(
        actor=operator, session_id=session.pk, present_ids={first.pk}
    )
    assert counts == {"present": 1, "absent": 1}
    assert Attendance.objects.get(registration=second, session=session).present is False
    with pytest.raises(DomainError) as caught:
        services_running.attendance_mark(
            actor=other_operator, session_id=session.pk, present_ids=set()
        )
    assert caught.value.status == 404


def test_qr_token_records_presence_of_the_logged_in_participant(running_wave):
    first, _second = _regs(running_wave)
    session = running_wave.sessions.last()
    token = services_running.attendance_qr_token(session)
    row = services_running.attendance_scan(actor=first.seeker, token=token)
    assert row.present and row.method == "qr"
    again = services_running.attendance_scan(actor=first.seeker, token=token)
    assert again.pk == row.pk


def test_qr_token_refuses_a_stranger_a_forgery_and_an_expired_code(
    running_wave, seeker_factory, settings, monkeypatch
):
    session = running_wave.sessions.last()
    token = services_running.attendance_qr_token(session)
    with pytest.raises(DomainError) as caught:
        services_running.attendance_scan(actor=seeker_factory(), token=token)
    assert caught.value.code == "not_participant"
    with pytest.raises(DomainError) as caught:
        services_running.attendance_scan(
            actor=_regs(running_wave)[0].seeker, token=token[:-2] + "xx"
        )
    assert caught.value.code == "attendance_qr_invalid"
    import time

    real = time.time
    monkeypatch.setattr(signing.time, "time", lambda: real() - 3 * 3600)
    old = services_running.attendance_qr_token(session)
    monkeypatch.setattr(signing.time, "time", real)
    settings.PENCAKER_TRAINING_QR_MINUTES = 120
    with pytest.raises(DomainError) as caught:
        services_running.attendance_qr_session(old)
    assert caught.value.code == "attendance_qr_expired"


def test_completion_rule_attendance_and_assessment(running_wave, operator):
    first, second = _regs(running_wave)
    sessions = list(running_wave.sessions.all())
    for index, session in enumerate(sessions):
        present = {first.pk} | ({second.pk} if index < 3 else set())  # 5/5 and 3/5
        services_running.attendance_mark(actor=operator, session_id=session.pk, present_ids=present)
    decisions = services_running.wave_complete(
        actor=operator, wave_id=running_wave.pk, scores={first.pk: 70, second.pk: 95}
    )
    by_id = {d.registration_id: d for d in decisions}
    assert by_id[first.pk].status == "completed" and by_id[first.pk].certificate_number.startswith(
        "PLT-"
    )
    assert by_id[second.pk].status == "dropped_out"
    assert "60%" in by_id[second.pk].reason and "80%" in by_id[second.pk].reason
    running_wave.refresh_from_db()
    assert running_wave.status == "completed"
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert {"training.completed", "training.dropped_out"} <= kinds


def test_a_failed_assessment_or_a_staff_drop_out_does_not_complete(running_wave, operator):
    first, second = _regs(running_wave)
    ids = {first.pk, second.pk}
    for session in running_wave.sessions.all():
        services_running.attendance_mark(actor=operator, session_id=session.pk, present_ids=ids)
    decisions = services_running.wave_complete(
        actor=operator,
        wave_id=running_wave.pk,
        scores={first.pk: 59},
        dropped={second.pk: "Pindah kota"},
    )
    reasons = {d.registration_id: d.reason for d in decisions}
    assert "pass mark 60" in reasons[first.pk] or "nilai lulus 60" in reasons[first.pk]
    assert reasons[second.pk] == "Pindah kota"
    assert {d.status for d in decisions} == {"dropped_out"}


def test_invalid_score_is_refused_with_a_field_message(running_wave, operator):
    first, _second = _regs(running_wave)
    with pytest.raises(DomainError) as caught:
        services_running.wave_complete(
            actor=operator, wave_id=running_wave.pk, scores={first.pk: "101"}
        )
    assert caught.value.code == "invalid_assessment_score"
    assert caught.value.fields["score"]


@pytest.fixture
def completed(running_wave, operator):
    ids = set(running_wave.registrations.values_list("pk", flat=True))
    for session in running_wave.sessions.all():
        services_running.attendance_mark(actor=operator, session_id=session.pk, present_ids=ids)
    services_running.wave_complete(
        actor=operator, wave_id=running_wave.pk, scores=dict.fromkeys(ids, 80)
    )
    return running_wave


def test_rating_once_from_1_to_5(completed):
    first = _regs(completed)[0]
    with pytest.raises(DomainError) as caught:
        services_running.training_rate(actor=first.seeker, registration_id=first.pk, rating="6")
    assert caught.value.fields["rating"]
    outcome = services_running.training_rate(
        actor=first.seeker, registration_id=first.pk, rating="4", comment="Bagus"
    )
    assert (outcome.rating, outcome.rating_comment) == (4, "Bagus")
    with pytest.raises(DomainError) as caught:
        services_running.training_rate(actor=first.seeker, registration_id=first.pk, rating="5")
    assert caught.value.code == "already_rated"


def test_rating_before_the_end_is_refused(running_wave):
    first = _regs(running_wave)[0]
    with pytest.raises(DomainError) as caught:
        services_running.training_rate(actor=first.seeker, registration_id=first.pk, rating=3)
    assert caught.value.code == "not_completed"


def test_follow_ups_at_completion_3_and_6_months_go_through_the_outbox_once(completed):
    first = _regs(completed)[0]
    kinds = {f.kind: f.due_on for f in first.follow_ups.all()}
    today = timezone.localdate()
    assert kinds["completion"] == today
    assert kinds["month_3"] > today and kinds["month_6"] > kinds["month_3"]
    assert services_running.follow_ups_send_due(today=today) == 2
    assert services_running.follow_ups_send_due(today=today) == 0
    assert Notification.objects.filter(kind="training.follow_up").count() == 2
    assert services_running.follow_ups_send_due(today=today + dt.timedelta(days=200)) == 4


def test_report_counts_registered_to_working_at_six_months(completed):
    first = _regs(completed)[0]
    six = first.follow_ups.get(kind="month_6")
    services_running.follow_up_answer(
        actor=first.seeker, follow_up_id=six.pk, working="yes", using_skill="yes"
    )
    with pytest.raises(DomainError):
        services_running.follow_up_answer(
            actor=first.seeker, follow_up_id=six.pk, working="yes", using_skill="yes"
        )
    report = running_report.programme_report(completed.programme)
    assert report["totals"] == {
        "registered": 2,
        "eligible": 2,
        "selected": 2,
        "completed": 2,
        "certified": 2,
        "working_6m": 1,
    }
    titles = [title for title, _groups in report["groups"]]
    assert len(titles) == 3
    sex_groups = dict(report["groups"][0][1])
    assert sum(c["registered"] for c in sex_groups.values()) == 2


def test_follow_up_answer_needs_yes_or_no(completed):
    first = _regs(completed)[0]
    row = first.follow_ups.first()
    with pytest.raises(DomainError) as caught:
        services_running.follow_up_answer(
            actor=first.seeker, follow_up_id=row.pk, working="", using_skill="yes"
        )
    assert caught.value.fields["working"]
    assert FollowUp.objects.get(pk=row.pk).answered_at is None


# --- pages and API -----------------------------------------------------------------------------


def test_pages_staff_and_participant(completed, client, operator, other_operator):
    first = _regs(completed)[0]
    client.force_login(first.seeker)
    page = client.get(reverse("training_running:participation", args=[first.pk]))
    assert page.status_code == 200
    assert "Rp 600000" in page.content.decode()
    pdf = client.get(reverse("training_running:certificate_pdf", args=[first.pk]))
    assert pdf["Content-Type"] == "application/pdf" and bytes(pdf.content).startswith(b"%PDF")
    second = _regs(completed)[1]
    assert (
        client.get(reverse("training_running:participation", args=[second.pk])).status_code == 404
    )
    assert client.get(reverse("training_running_staff:wave", args=[completed.pk])).status_code in {
        302,
        403,
    }


def test_staff_pages_404_for_another_office(
    completed, staff_client_factory, other_operator, operator
):
    for user, expected in ((other_operator, 404), (operator, 200)):
        client = staff_client_factory(user)
        assert (
            client.get(reverse("training_running_staff:wave", args=[completed.pk])).status_code
            == expected
        )
        report = client.get(reverse("training_running_staff:report", args=[completed.programme_id]))
        assert report.status_code == expected
        csv = client.get(
            reverse("training_running_staff:allowance_csv", args=[completed.programme_id])
        )
        assert csv.status_code == expected
        session = completed.sessions.first()
        assert (
            client.get(reverse("training_running_staff:session", args=[session.pk])).status_code
            == expected
        )


def test_public_certificate_check_page_and_api(completed, client):
    from pencaker.training.models_running import Certificate

    cert = Certificate.objects.first()
    page = client.get(reverse("certificates:verify"), {"q": cert.number})
    assert cert.holder_name in page.content.decode()
    page = client.get(reverse("certificates:verify_token", args=[cert.token]))
    assert cert.number in page.content.decode()
    answer = client.get("/api/v1/certificates/verify", {"q": cert.token}).json()
    assert answer["found"] and answer["number"] == cert.number and answer["by_token"]
    assert (
        client.get("/api/v1/certificates/verify", {"q": "PLT-2026-XXXXXXXXXX"}).json()["found"]
        is False
    )


def _api(user):
    from django.test import Client

    from pencaker.accounts.api_auth import token_issue

    return Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=user)}")


def test_api_attendance_complete_and_schedule(running_wave, operator, other_operator):
    first, second = _regs(running_wave)
    api = _api(operator)
    for session in running_wave.sessions.all():
        answer = api.post(
            f"/api/v1/training/running/sessions/{session.pk}/attendance",
            {"present": [first.pk]},
            content_type="application/json",
        )
        assert answer.status_code == 200, answer.content
        assert answer.json() == {"present": 1, "absent": 1}
    refused = _api(other_operator).post(
        f"/api/v1/training/running/waves/{running_wave.pk}/complete",
        {},
        content_type="application/json",
    )
    assert refused.status_code == 404
    done = api.post(
        f"/api/v1/training/running/waves/{running_wave.pk}/complete",
        {"scores": {str(first.pk): 88}},
        content_type="application/json",
    )
    assert done.status_code == 200, done.content
    statuses = {d["registration_id"]: d["status"] for d in done.json()}
    assert statuses == {first.pk: "completed", second.pk: "dropped_out"}
    again = api.post(
        f"/api/v1/training/running/waves/{running_wave.pk}/complete",
        {},
        content_type="application/json",
    )
    assert again.status_code == 200 and again.json() == []
    schedule = _api(first.seeker).get("/api/v1/training/running/allowances/mine").json()
    assert [(i["number"], i["status"]) for i in schedule] == [
        (1, "scheduled"),
        (2, "scheduled"),
        (3, "scheduled"),
    ]
    assert _api(second.seeker).get("/api/v1/training/running/allowances/mine").json() == []


def test_api_attendance_scan_records_once_and_refuses_a_stranger(running_wave, seeker_factory):
    first = _regs(running_wave)[0]
    session = running_wave.sessions.first()
    token = services_running.attendance_qr_token(session)
    api = _api(first.seeker)
    for _attempt in range(2):
        answer = api.post(
            "/api/v1/training/running/attendance", {"token": token}, content_type="application/json"
        )
        assert answer.status_code == 200, answer.content
        assert answer.json() == {
            "registration_id": first.pk,
            "session_id": session.pk,
            "present": True,
            "method": "qr",
        }
    assert Attendance.objects.filter(registration=first, session=session).count() == 1
    stranger = _api(seeker_factory()).post(
        "/api/v1/training/running/attendance", {"token": token}, content_type="application/json"
    )
    assert stranger.status_code == 403
    forged = api.post(
        "/api/v1/training/running/attendance", {"token": "x"}, content_type="application/json"
    )
    assert forged.status_code == 400 and forged.json()["code"] == "attendance_qr_invalid"
