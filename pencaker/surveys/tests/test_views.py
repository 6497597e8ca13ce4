from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from pencaker.accounts.models import Role
from pencaker.surveys.choices import Channel, InvitationReason
from pencaker.surveys.models import Response, SurveyPeriod
from pencaker.surveys.services import Profile, invitation_create, response_record


def post_data(answers: dict[int, int | None], **profile) -> dict[str, str]:
    data = {f"q_{qid}": str(v) for qid, v in answers.items() if v is not None}
    data.update(profile)
    return data


@pytest.fixture
def invitation(office):
    return invitation_create(office=office, reason=InvitationReason.CARD_ISSUED)


# --- Invitation questionnaire ------------------------------------------------------------


def test_questionnaire_shows_official_wording_in_indonesian_first(client, invitation):
    response = client.get(invitation.path)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sangat mahal" in html and "Gratis" in html
    assert 'type="radio"' in html
    assert html.index("sarana dan prasarana") < html.index("penanganan pengaduan")


def test_questionnaire_in_english_after_the_language_switch(client, invitation):
    client.cookies["django_language"] = "en"
    html = client.get(invitation.path).content.decode()
    assert "Free of charge" in html


def test_answering_the_invitation_saves_one_anonymous_response(client, invitation, answer_all):
    response = client.post(invitation.path, post_data(answer_all(4), gender="female"))
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:thanks")
    saved = Response.objects.get()
    assert saved.channel == Channel.INVITATION
    assert saved.gender == "female"
    assert saved.answers.count() == 9
    again = client.get(invitation.path)
    assert again.status_code == 200
    assert Response.objects.count() == 1
    second_post = client.post(invitation.path, post_data(answer_all(1)))
    assert second_post.status_code == 200
    assert Response.objects.count() == 1


def test_missing_answer_is_shown_next_to_the_question(client, invitation, answer_all):
    response = client.post(invitation.path, post_data(answer_all(3, U8=None)))
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert response.content.decode().count('class="error"') == 1
    assert Response.objects.count() == 0


@pytest.mark.parametrize("bad", ["5", "0", "abc", "", "9" * 50])
def test_garbage_answers_never_give_a_server_error(client, invitation, answer_all, bad):
    data = post_data(answer_all(3))
    data[next(iter(data))] = bad
    data["gender"] = "robot"
    response = client.post(invitation.path, data)
    assert response.status_code == 400
    assert Response.objects.count() == 0


@pytest.mark.parametrize("token", ["x" * 80, "ab%00cd", "a b"])
def test_unknown_invitation_token_gives_a_friendly_404(client, db, token):
    response = client.get(reverse("surveys:answer", kwargs={"token": token}))
    assert response.status_code == 404
    assert "<h1>" in response.content.decode()


# --- Kiosk -------------------------------------------------------------------------------


def test_kiosk_is_closed_until_staff_start_it(client, db):
    response = client.get(reverse("surveys:kiosk"))
    assert response.status_code == 403


def test_staff_start_the_kiosk_and_are_logged_out(operator_client, answer_all):
    response = operator_client.post(reverse("surveys:kiosk_start"))
    assert response.status_code == 302
    assert "_auth_user_id" not in operator_client.session
    form = operator_client.get(reverse("surveys:kiosk"))
    assert form.status_code == 200
    done = operator_client.post(reverse("surveys:kiosk"), post_data(answer_all(3)), follow=True)
    assert done.redirect_chain[-1][0] == reverse("surveys:kiosk")
    assert Response.objects.get().channel == Channel.KIOSK
    # a fresh, empty form for the next person
    assert "checked" not in done.content.decode()
    # staff pages are out of reach from the kiosk session
    assert operator_client.get(reverse("surveys:period_list")).status_code == 302


def test_head_of_office_cannot_start_the_kiosk(user_factory, office, staff_client_factory):
    head = staff_client_factory(user_factory(role=Role.PIMPINAN, office=office))
    assert head.post(reverse("surveys:kiosk_start")).status_code == 403


def test_kiosk_can_be_ended(operator_client):
    operator_client.post(reverse("surveys:kiosk_start"))
    operator_client.post(reverse("surveys:kiosk_stop"))
    assert operator_client.get(reverse("surveys:kiosk")).status_code == 403


# --- Staff pages ---------------------------------------------------------------------------


def test_staff_create_a_period(operator_client, office):
    response = operator_client.post(
        reverse("surveys:period_list"),
        {
            "name": "Triwulan I 2025",
            "start_date": "2025-01-01",
            "end_date": "2025-03-31",
            "target_population": "1000",
        },
    )
    period = SurveyPeriod.objects.get()
    assert response.status_code == 302
    assert period.office == office
    assert period.sample_target == 278


def test_period_form_errors_are_shown(operator_client):
    response = operator_client.post(
        reverse("surveys:period_list"),
        {
            "name": "",
            "start_date": "2025-03-01",
            "end_date": "2025-01-01",
            "target_population": "-1",
        },
    )
    assert response.status_code == 400
    assert SurveyPeriod.objects.count() == 0


def test_anonymous_and_seekers_cannot_see_staff_pages(client, user_factory, period):
    url = reverse("surveys:results", kwargs={"pk": period.pk})
    assert client.get(url).status_code == 302
    seeker = user_factory()
    client.force_login(seeker)
    assert client.get(url).status_code == 403


def test_staff_of_another_office_cannot_see_the_period(
    user_factory, other_office, staff_client_factory, period
):
    other = staff_client_factory(user_factory(role=Role.OPERATOR, office=other_office))
    assert other.get(reverse("surveys:results", kwargs={"pk": period.pk})).status_code == 404
    assert other.get(reverse("surveys:paper_entry", kwargs={"pk": period.pk})).status_code == 404


def test_results_page_shows_index_target_weakest_and_convention(
    operator_client, operator, office, period, answer_all
):
    for values in (answer_all(4, U8=2), answer_all(3, U8=1)):
        response_record(
            actor=operator, office=office, channel=Channel.PAPER, answers=values, profile=Profile()
        )
    html = operator_client.get(
        reverse("surveys:results", kwargs={"pk": period.pk})
    ).content.decode()
    # U8 NRR 1.5 → 37.50; others 3.5 → 87.50; IKM (8×3.5+1.5)/9 = 3.2777… → 81.94
    assert "81,94" in html or "81.94" in html
    assert 'class="weak"' in html
    assert "37,50" in html or "37.50" in html
    assert 'max="100" value="2"' in html  # 2 of 80 respondents
    assert "1/9" in html


def test_paper_entry_accepts_blanks_and_checks_the_date(operator_client, period, answer_all):
    url = reverse("surveys:paper_entry", kwargs={"pk": period.pk})
    ok = operator_client.post(
        url, post_data(answer_all(2, U4=None), survey_date=period.start_date.isoformat())
    )
    assert ok.status_code == 302
    saved = Response.objects.get()
    assert saved.channel == Channel.PAPER
    assert saved.answers.count() == 8
    outside = (period.start_date - dt.timedelta(days=1)).isoformat()
    bad = operator_client.post(url, post_data(answer_all(2), survey_date=outside))
    assert bad.status_code == 400
    empty = operator_client.post(url, {"survey_date": period.start_date.isoformat()})
    assert empty.status_code == 400
    assert Response.objects.count() == 1


def test_publishing_shows_the_results_on_the_public_page(
    client, operator_client, operator, office, period, answer_all
):
    response_record(
        actor=operator,
        office=office,
        channel=Channel.PAPER,
        answers=answer_all(4),
        profile=Profile(),
    )
    public = reverse("surveys:public_results")
    assert period.name not in client.get(public).content.decode()
    operator_client.post(reverse("surveys:publish", kwargs={"pk": period.pk}), {"publish": "1"})
    html = client.get(public).content.decode()
    assert period.name in html
    assert "100,00" in html or "100.00" in html
    operator_client.post(reverse("surveys:publish", kwargs={"pk": period.pk}), {"publish": "0"})
    assert period.name not in client.get(public).content.decode()


def test_results_page_of_a_period_without_answers_explains_why_there_is_no_index(
    operator_client, period
):
    response = operator_client.get(reverse("surveys:results", kwargs={"pk": period.pk}))
    assert response.status_code == 200
    assert 'id="ikm-value"' in response.content.decode()
    assert 'class="weak"' not in response.content.decode()


def test_duplicate_period_name_is_refused_with_a_message(operator_client, period):
    response = operator_client.post(
        reverse("surveys:period_list"),
        {
            "name": period.name,
            "start_date": "2025-01-01",
            "end_date": "2025-03-31",
            "target_population": "10",
        },
    )
    assert response.status_code == 400
    assert SurveyPeriod.objects.count() == 1
