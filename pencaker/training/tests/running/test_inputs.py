"""No server error for any input on the running pages: odd characters, forged tokens,
non-numeric ids, an unknown rating."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pencaker.training import services_running

pytestmark = pytest.mark.django_db

ODD = ["\x00", "a" * 5000, "PLT-\x1f", "<script>", "../../etc/passwd", "🙂"]


@pytest.mark.parametrize("text", ODD)
def test_certificate_check_page_never_fails(client, text):
    answer = client.get(reverse("certificates:verify"), {"q": text})
    assert answer.status_code in {200, 400}
    assert client.get("/api/v1/certificates/verify", {"q": text}).status_code in {200, 400}


def test_certificate_check_with_a_lone_surrogate_or_bad_utf8(client):
    for raw in ("%ED%A0%80", "%FF%FE", "%C0%80"):
        assert client.get(reverse("certificates:verify") + "?q=" + raw).status_code in {200, 400}
        assert client.get("/api/v1/certificates/verify?q=" + raw).status_code in {200, 400}


@pytest.mark.parametrize("token", ["x", "eyJzIjoxfQ:1xYW2R:forged", "a" * 3000, "%00"])
def test_attendance_page_refuses_forged_tokens(running_wave, client, token):
    client.force_login(running_wave.registrations.first().seeker)
    answer = client.post(reverse("training_running:attend", args=[token]))
    assert answer.status_code == 400
    assert running_wave.registrations.first().attendance.count() == 0


def test_attendance_page_records_with_a_real_token(running_wave, client):
    registration = running_wave.registrations.first()
    client.force_login(registration.seeker)
    token = services_running.attendance_qr_token(running_wave.sessions.first())
    assert client.get(reverse("training_running:attend", args=[token])).status_code == 200
    answer = client.post(reverse("training_running:attend", args=[token]))
    assert answer.status_code == 302
    assert registration.attendance.filter(present=True, method="qr").count() == 1


@pytest.mark.parametrize("rating", ["", "0", "x", "\x00", "9" * 50])
def test_rating_with_bad_values_is_a_message_not_an_error(running_wave, client, rating, operator):
    registration = running_wave.registrations.first()
    services_running.wave_complete(actor=operator, wave_id=running_wave.pk)
    client.force_login(registration.seeker)
    answer = client.post(
        reverse("training_running:rate", args=[registration.pk]),
        {"rating": rating, "comment": "ok"},
    )
    assert answer.status_code in {302, 400}
    registration.refresh_from_db()
    assert registration.outcome.rated_at is None


def test_follow_up_page_shows_field_messages(running_wave, client, operator):
    registration = running_wave.registrations.first()
    services_running.wave_complete(actor=operator, wave_id=running_wave.pk)
    registration.refresh_from_db()
    # Not completed (no attendance): dropped out, so no surveys; create one to answer.
    import datetime as dt

    from pencaker.training.models_running import FollowUp

    row = FollowUp.objects.create(
        registration=registration, kind="completion", due_on=dt.date.today()
    )
    client.force_login(registration.seeker)
    answer = client.post(reverse("training_running:follow_up", args=[row.pk]), {"working": "maybe"})
    assert answer.status_code == 400
    assert "Jawab ya atau tidak." in answer.content.decode()


def test_staff_session_post_ignores_non_numeric_ids(running_wave, staff_client_factory, operator):
    client = staff_client_factory(operator)
    session = running_wave.sessions.first()
    answer = client.post(
        reverse("training_running_staff:session", args=[session.pk]),
        {"present": ["x", "\x00", "999999"]},
    )
    assert answer.status_code in {200, 302, 400}
