"""Pages: public list/detail/wave/draw, the seeker's one-step registration without
JavaScript, and the office's screens (other offices get 404)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from pencaker.accounts.api_auth import token_issue
from pencaker.training import services
from pencaker.training.choices import RegistrationStatus as R
from pencaker.training.models import Programme, Registration, Wave

pytestmark = pytest.mark.django_db


def test_public_pages_show_the_programme(client, open_wave):
    assert "Menjahit Busana Dasar" in client.get(reverse("training:list")).content.decode()
    detail = client.get(reverse("training:detail", args=[open_wave.programme_id]))
    assert detail.status_code == 200
    page = client.get(reverse("training:wave", args=[open_wave.pk])).content.decode()
    assert "18" in page


def test_draft_programme_is_not_public(client, programme_factory):
    wave = programme_factory(publish=False)
    assert client.get(reverse("training:detail", args=[wave.programme_id])).status_code == 404
    assert client.get(reverse("training:wave", args=[wave.pk])).status_code == 404


def test_seeker_sees_each_rule_and_registers_with_one_post(client, open_wave, seeker):
    client.force_login(seeker)
    page = client.get(reverse("training:wave", args=[open_wave.pk])).content.decode()
    assert page.count("✓") == 2
    response = client.post(
        reverse("training:wave", args=[open_wave.pk]), {"idempotency_key": "abc"}
    )
    assert response.status_code == 302
    registration = Registration.objects.get(seeker=seeker)
    mine = client.get(reverse("training:mine")).content.decode()
    assert registration.public_id in mine
    client.post(reverse("training:withdraw", args=[registration.pk]))
    assert Registration.objects.get(pk=registration.pk).status == R.WITHDRAWN


def test_unmet_rule_is_shown_with_its_reason(client, open_wave, seeker_factory):
    import datetime as dt

    young = seeker_factory(birth_date=dt.date(2012, 5, 1))
    client.force_login(young)
    page = client.get(reverse("training:wave", args=[open_wave.pk])).content.decode()
    assert "✗" in page
    assert 'name="idempotency_key"' not in page


def test_declaration_error_is_shown_on_the_form(client, programme_factory, seeker):
    wave = programme_factory(rules=["age", "not_official"])
    client.force_login(seeker)
    response = client.post(reverse("training:wave", args=[wave.pk]), {})
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_draw_index_page_and_json(client, open_wave, operator, seeker):
    services.registration_create(actor=seeker, wave_id=open_wave.pk)
    services.wave_close(actor=operator, wave_id=open_wave.pk)
    index = client.get(reverse("training:draw_index")).content.decode()
    url = reverse("training:draw_json", args=[open_wave.pk])
    assert url.endswith("undian.json") and url in index
    services.wave_draw(actor=operator, wave_id=open_wave.pk)
    data = client.get(url).json()
    assert set(data) >= {
        "quota",
        "priority_quota",
        "commitment",
        "seed",
        "registrants",
        "selected",
        "waiting",
    }
    client.force_login(seeker)
    page = client.get(reverse("training:draw", args=[open_wave.pk])).content.decode()
    assert Registration.objects.get().public_id in page


def test_staff_create_programme_wave_and_run_the_draw(
    staff_client_factory, operator, seeker_factory
):
    c = staff_client_factory(operator)
    assert c.get(reverse("training_staff:list")).status_code == 200
    response = c.post(
        reverse("training_staff:programme_create"),
        {
            "title": "Las Listrik",
            "provider_kind": "blk",
            "provider_name": "BLK",
            "mode": "in_person",
            "rules": ["age"],
            "age_min": "18",
            "repeat_years": "2",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    programme = Programme.objects.get(title="Las Listrik")
    now = timezone.localtime()
    response = c.post(
        reverse("training_staff:wave_create", args=[programme.pk]),
        {
            "opens_at": (now - timezone.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + timezone.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
            "quota": "1",
            "priority_quota": "0",
            "method": "lottery",
            "confirm_days": "3",
        },
    )
    assert response.status_code == 302
    wave = Wave.objects.get(programme=programme)
    c.post(reverse("training_staff:programme_move", args=[programme.pk]), {"to": "published"})
    for to in ("published", "registration_open"):
        c.post(reverse("training_staff:wave_move", args=[wave.pk]), {"to": to})
    services.registration_create(actor=seeker_factory(), wave_id=wave.pk)
    c.post(reverse("training_staff:wave_move", args=[wave.pk]), {"to": "registration_closed"})
    c.post(reverse("training_staff:wave_move", args=[wave.pk]), {"to": "selected"})
    wave.refresh_from_db()
    assert wave.status == "selected" and wave.draw_record["seed"]
    page = c.get(reverse("training_staff:wave", args=[wave.pk])).content.decode()
    assert wave.commitment in page
    c.post(
        reverse("training_staff:session_add", args=[wave.pk]),
        {"date": "2027-01-04", "start_time": "08:00", "end_time": "12:00", "place": "BLK"},
    )
    assert wave.sessions.count() == 1


def test_staff_of_another_office_get_404(staff_client_factory, other_operator, open_wave):
    c = staff_client_factory(other_operator)
    assert c.get(reverse("training_staff:wave", args=[open_wave.pk])).status_code == 404
    assert (
        c.get(reverse("training_staff:programme", args=[open_wave.programme_id])).status_code == 404
    )
    response = c.post(reverse("training_staff:wave_move", args=[open_wave.pk]), {"to": "cancelled"})
    assert response.status_code == 404


def test_seeker_cannot_open_staff_screens(client, seeker):
    client.force_login(seeker)
    assert client.get(reverse("training_staff:list")).status_code == 403


def test_api_flow(open_wave, seeker, operator, client):
    from django.test import Client

    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=seeker)}")
    listing = client.get("/api/v1/training/").json()
    assert listing[0]["waves"][0]["id"] == open_wave.pk
    assert client.get(f"/api/v1/training/{open_wave.programme_id}").status_code == 200
    rules = api.get(f"/api/v1/training/waves/{open_wave.pk}/eligibility").json()
    assert rules["eligible"] and [r["state"] for r in rules["rules"]] == ["met", "met"]
    url = f"/api/v1/training/waves/{open_wave.pk}/registrations"
    first = api.post(url, {}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="x1")
    again = api.post(url, {}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="x1")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    services.wave_close(actor=operator, wave_id=open_wave.pk)
    services.wave_draw(actor=operator, wave_id=open_wave.pk)
    draw = client.get(f"/api/v1/training/waves/{open_wave.pk}/draw").json()
    assert draw["selected"] == [first.json()["public_id"]]
    confirmed = api.post(f"/api/v1/training/registrations/{first.json()['id']}/confirm")
    assert confirmed.json()["status"] == "confirmed"
    withdrawn = api.post(f"/api/v1/training/registrations/{first.json()['id']}/withdraw")
    assert withdrawn.status_code == 409
    assert withdrawn.json()["code"] == "invalid_transition"
