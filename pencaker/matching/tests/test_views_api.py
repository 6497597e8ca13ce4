"""Pages and API: permissions, the happy paths, and that a seeker who has not opted in
never appears in any candidate list (page or API)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from pencaker.accounts.api_auth import token_issue
from pencaker.matching import services
from pencaker.matching.models import Invitation, MatchProfile

pytestmark = pytest.mark.django_db
BASE = "/api/v1/matching"


def _api(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=user)}")


def test_hidden_seeker_never_appears_on_candidate_pages_or_api(
    seeker_factory,
    vacancy_factory,
    employer,
    operator,
    employer_client_factory,
    staff_client_factory,
):
    hidden = seeker_factory(
        discoverable=False, alerts=True, full_name="Rahasia Sekali", skills=("Excel", "Akuntansi")
    )
    shown = seeker_factory(full_name="Boleh Dilihat", skills=())
    vacancy = vacancy_factory()
    hidden_row = MatchProfile.objects.get(user=hidden)
    shown_row = MatchProfile.objects.get(user=shown)

    page = employer_client_factory(employer).get(
        reverse("matching:employer_candidates", args=[vacancy.pk])
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert f"/kandidat/{shown_row.pk}/undang/" in html
    assert f"/kandidat/{hidden_row.pk}/undang/" not in html
    assert "Rahasia Sekali" not in html and hidden.email not in html
    assert "Boleh Dilihat" not in html  # shown, but anonymous until they apply or accept

    staff_page = staff_client_factory(operator).get(
        reverse("matching:staff_candidates", args=[vacancy.pk])
    )
    assert staff_page.status_code == 200
    assert "Rahasia Sekali" not in staff_page.content.decode()
    assert staff_page.content.decode().count('class="card-panel candidate"') == 1

    for user in (employer, operator):
        body = _api(user).get(f"{BASE}/vacancies/{vacancy.pk}/candidates").json()
        assert [c["candidate_id"] for c in body] == [shown_row.pk]
        assert body[0]["name"] == "" and body[0]["email"] == ""


def test_candidate_pages_refuse_others(
    seeker_factory,
    vacancy_factory,
    other_employer,
    other_operator,
    employer_client_factory,
    staff_client_factory,
):
    vacancy = vacancy_factory()
    assert (
        employer_client_factory(other_employer)
        .get(reverse("matching:employer_candidates", args=[vacancy.pk]))
        .status_code
        == 404
    )
    staff = staff_client_factory(other_operator)
    assert staff.get(reverse("matching:staff_candidates", args=[vacancy.pk])).status_code == 404
    assert _api(other_employer).get(f"{BASE}/vacancies/{vacancy.pk}/candidates").status_code == 404
    seeker = seeker_factory()
    assert _api(seeker).get(f"{BASE}/vacancies/{vacancy.pk}/candidates").status_code == 404


def test_invite_page_then_seeker_accepts_and_goes_to_apply(
    seeker_factory, vacancy_factory, employer, employer_client_factory, client
):
    seeker = seeker_factory()
    vacancy = vacancy_factory()
    row = MatchProfile.objects.get(user=seeker)
    r = employer_client_factory(employer).post(
        reverse("matching:employer_invite", args=[vacancy.pk, row.pk]), {"message": "Ayo melamar"}
    )
    assert r.status_code == 302
    invitation = Invitation.objects.get()
    client.force_login(seeker)
    page = client.get(reverse("matching:invitations"))
    assert "Ayo melamar" in page.content.decode()
    r = client.post(
        reverse("matching:invitation_respond", args=[invitation.pk]), {"decision": "accept"}
    )
    assert r.status_code == 302 and r["Location"] == reverse("vacancies:apply", args=[vacancy.pk])


def test_settings_page_switches_on_and_off(seeker_factory, client):
    seeker = seeker_factory(discoverable=False)
    client.force_login(seeker)
    assert client.get(reverse("matching:settings")).status_code == 200
    client.post(reverse("matching:settings"), {"discoverable": "on"})
    assert MatchProfile.objects.get(user=seeker).discoverable is True
    client.post(reverse("matching:settings"), {})
    row = MatchProfile.objects.get(user=seeker)
    assert (row.discoverable, row.alerts_enabled) == (False, False)


def test_recommendations_page_and_home_panel_show_ranked_reasons(
    seeker_factory, vacancy_factory, client
):
    seeker = seeker_factory(discoverable=False, skills=("Excel", "Akuntansi"))
    vacancy_factory()
    vacancy_factory(title="Kasir Toko", skills="Kasir", majors="", occupation="5230")
    client.force_login(seeker)
    html = client.get(
        reverse("matching:recommendations"), HTTP_ACCEPT_LANGUAGE="id"
    ).content.decode()
    assert html.index("Staf Administrasi Keuangan") < html.index("Kasir Toko")
    assert "2 dari 3 keterampilan" in html and "belum ada:" in html
    home = client.get(reverse("seekers:overview")).content.decode()
    assert 'id="for-you"' in home and "Staf Administrasi Keuangan" in home
    filtered = client.get(reverse("matching:recommendations"), {"q": "Kasir"}).content.decode()
    assert "Kasir Toko" in filtered and "Staf Administrasi Keuangan" not in filtered


def test_unsubscribe_works_signed_out_and_a_get_changes_nothing(seeker_factory):
    seeker = seeker_factory(discoverable=False, alerts=True)
    url = reverse("matching:unsubscribe", args=[services.unsubscribe_token(seeker)])
    anonymous = Client(enforce_csrf_checks=True)
    page = anonymous.get(url)
    assert page.status_code == 200
    assert MatchProfile.objects.get(user=seeker).alerts_enabled is True
    token = page.cookies["csrftoken"].value
    done = anonymous.post(url, {"csrfmiddlewaretoken": token})
    assert done.status_code == 200
    assert MatchProfile.objects.get(user=seeker).alerts_enabled is False
    assert Client().get(reverse("matching:unsubscribe", args=["forged"])).status_code == 404


def test_api_seeker_flow(seeker_factory, vacancy_factory, employer):
    seeker = seeker_factory(discoverable=False, skills=("Excel",))
    vacancy = vacancy_factory()
    c = _api(seeker)
    assert c.patch(
        f"{BASE}/settings", {"discoverable": True}, content_type="application/json"
    ).json() == {"discoverable": True, "alerts_enabled": False}
    recs = c.get(f"{BASE}/recommendations").json()
    assert recs[0]["vacancy_id"] == vacancy.pk and recs[0]["match"]["score"] > 0
    assert recs[0]["match"]["reasons"]

    [candidate] = _api(employer).get(f"{BASE}/vacancies/{vacancy.pk}/candidates").json()
    r = _api(employer).post(
        f"{BASE}/vacancies/{vacancy.pk}/candidates/{candidate['candidate_id']}/invite",
        {"message": "Halo"},
        content_type="application/json",
    )
    assert r.status_code == 201, r.json()
    invitation_id = r.json()["id"]
    again = _api(employer).post(
        f"{BASE}/vacancies/{vacancy.pk}/candidates/{candidate['candidate_id']}/invite",
        {},
        content_type="application/json",
    )
    assert again.status_code == 409 and again.json()["code"] == "already_invited"
    assert [i["id"] for i in c.get(f"{BASE}/invitations").json()] == [invitation_id]
    bad = c.post(
        f"{BASE}/invitations/{invitation_id}/respond",
        {"decision": "x"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "decision" in bad.json()["details"]["fields"]
    ok = c.post(
        f"{BASE}/invitations/{invitation_id}/respond",
        {"decision": "decline"},
        content_type="application/json",
    )
    assert ok.json()["status"] == "declined"
    assert c.patch(f"{BASE}/settings", {}, content_type="application/json").status_code == 200


def test_api_refuses_employers_on_seeker_operations(employer):
    c = _api(employer)
    assert c.get(f"{BASE}/recommendations").status_code == 403
    r = c.patch(f"{BASE}/settings", {"alerts_enabled": True}, content_type="application/json")
    assert r.status_code == 403 and r.json()["code"] == "not_job_seeker"


def test_vacancy_pages_link_to_the_candidates(
    vacancy_factory, employer, operator, employer_client_factory, staff_client_factory
):
    vacancy = vacancy_factory()
    target = reverse("matching:employer_candidates", args=[vacancy.pk])
    page = employer_client_factory(employer).get(
        reverse("vacancies:employer_detail", args=[vacancy.pk])
    )
    assert target in page.content.decode()
    review = staff_client_factory(operator).get(reverse("vacancies:review", args=[vacancy.pk]))
    assert reverse("matching:staff_candidates", args=[vacancy.pk]) in review.content.decode()
    draft = vacancy_factory(publish=False, title="Belum tayang")
    page = employer_client_factory(employer).get(
        reverse("vacancies:employer_detail", args=[draft.pk])
    )
    assert "/kandidat/" not in page.content.decode()
