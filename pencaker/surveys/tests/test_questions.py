"""The office's own survey questions: the admin dinas adds (at most 3 per element), edits
and retires them; the pimpinan reads; other roles and other offices are kept out; every
change is audited and the next survey form asks the question."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pencaker.accounts.models import Role
from pencaker.core.audit import AuditAction
from pencaker.core.errors import DomainError, PermissionDenied
from pencaker.core.models import AuditEvent
from pencaker.surveys import ikm, selectors, services
from pencaker.surveys.choices import Channel, InvitationReason
from pencaker.surveys.errors import SurveyErrorCode
from pencaker.surveys.models import Question, Response
from pencaker.surveys.services import Profile, invitation_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(user_factory, office):
    return user_factory(role=Role.ADMIN_DINAS, office=office)


@pytest.fixture
def admin_client(staff_client_factory, admin):
    return staff_client_factory(admin)


def add(admin, office, element="U3", text="Apakah petugas menjelaskan waktu layanan?"):
    return services.question_create(
        actor=admin, office=office, element=element, text=text, text_en="Did staff explain it?"
    )


def test_list_shows_nine_elements_with_standard_and_own_questions(admin_client, admin, office):
    add(admin, office, text="Pertanyaan tambahan kantor ini")
    page = admin_client.get(reverse("surveys:questions"))
    assert page.status_code == 200
    html = page.content.decode()
    for code in ikm.ELEMENT_CODES:
        assert f'id="element-{code}"' in html
    assert "Pertanyaan tambahan kantor ini" in html
    assert reverse("surveys:question_add", args=["U1"]) in html


def test_admin_adds_a_question_audited_on_the_elements_scale(admin_client, office, admin):
    response = admin_client.post(
        reverse("surveys:question_add", args=["U5"]),
        {"text": "Apakah biaya dijelaskan?", "text_en": "Was the cost explained?"},
    )
    assert response.status_code == 302
    question = Question.objects.get(office=office)
    standard = Question.objects.get(office__isnull=True, element="U5")
    assert (question.element, question.text, question.text_en) == (
        "U5",
        "Apakah biaya dijelaskan?",
        "Was the cost explained?",
    )
    assert [question.option_1, question.option_4] == [standard.option_1, standard.option_4]
    event = AuditEvent.objects.get(action=AuditAction.SURVEY_QUESTION_ADDED)
    assert event.office_id == office.pk and event.actor_id == admin.pk


def test_add_requires_both_languages_with_indonesian_messages(admin_client, office):
    response = admin_client.post(
        reverse("surveys:question_add", args=["U1"]), {"text": " ", "text_en": ""}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tulis pertanyaan dalam bahasa Indonesia." in html
    assert "Tulis pertanyaan dalam bahasa Inggris." in html
    assert not Question.objects.filter(office=office).exists()


def test_unknown_element_is_not_found(admin_client):
    assert admin_client.get(reverse("surveys:question_add", args=["U10"])).status_code == 404


def test_at_most_three_per_element(admin, office, admin_client):
    for n in range(services.EXTRA_PER_ELEMENT):
        add(admin, office, text=f"Pertanyaan {n}")
    with pytest.raises(DomainError) as exc:
        add(admin, office, text="Pertanyaan keempat")
    assert exc.value.code == SurveyErrorCode.QUESTION_LIMIT
    response = admin_client.post(
        reverse("surveys:question_add", args=["U3"]), {"text": "Keempat", "text_en": "Fourth"}
    )
    assert response.status_code == 400
    assert "paling banyak 3" in response.content.decode()
    add(admin, office, element="U4", text="Unsur lain masih boleh")  # other elements are free
    assert Question.objects.filter(office=office, element="U3").count() == 3


def test_retired_question_frees_its_place(admin, office):
    questions = [add(admin, office, text=f"Pertanyaan {n}") for n in range(3)]
    services.question_retire(actor=admin, question=questions[0])
    add(admin, office, text="Pengganti")
    assert Question.objects.filter(office=office, element="U3", is_active=True).count() == 3


def test_admin_edits_a_question_audited(admin_client, admin, office):
    question = add(admin, office)
    url = reverse("surveys:question_edit", args=[question.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"text": "Teks baru", "text_en": "New text"})
    assert response.status_code == 302
    question.refresh_from_db()
    assert (question.text, question.text_en) == ("Teks baru", "New text")
    event = AuditEvent.objects.get(action=AuditAction.SURVEY_QUESTION_UPDATED)
    assert event.data["before"]["text"] == "Apakah petugas menjelaskan waktu layanan?"
    assert event.data["after"]["text"] == "Teks baru"


def test_retire_without_answers_deletes(admin_client, admin, office):
    question = add(admin, office)
    url = reverse("surveys:question_retire", args=[question.pk])
    assert admin_client.get(url).status_code == 200
    assert admin_client.post(url).status_code == 302
    assert not Question.objects.filter(pk=question.pk).exists()
    event = AuditEvent.objects.get(action=AuditAction.SURVEY_QUESTION_RETIRED)
    assert event.data["deleted"] is True and event.office_id == office.pk


def test_retire_with_answers_deactivates_and_keeps_answers(admin_client, admin, office, answer_all):
    question = add(admin, office)
    answers = answer_all(3)
    answers[question.pk] = 4
    services.response_record(
        actor=admin, office=office, channel=Channel.KIOSK, answers=answers, profile=Profile()
    )
    response = admin_client.post(
        reverse("surveys:question_retire", args=[question.pk]), follow=True
    )
    assert "disimpan untuk hasil periode yang lalu" in response.content.decode()
    question.refresh_from_db()
    assert question.is_active is False
    assert question.answers.count() == 1
    assert question not in selectors.questionnaire_for_office(office)
    event = AuditEvent.objects.get(action=AuditAction.SURVEY_QUESTION_RETIRED)
    assert event.data["deleted"] is False
    # a retired question can be neither edited nor retired again
    assert admin_client.get(reverse("surveys:question_edit", args=[question.pk])).status_code == (
        404
    )


def test_head_of_office_reads_only(user_factory, staff_client_factory, admin, office):
    question = add(admin, office)
    head = staff_client_factory(user_factory(role=Role.PIMPINAN, office=office))
    page = head.get(reverse("surveys:questions"))
    assert page.status_code == 200
    html = page.content.decode()
    assert question.text in html
    assert reverse("surveys:question_edit", args=[question.pk]) not in html
    assert reverse("surveys:question_add", args=["U1"]) not in html
    assert head.get(reverse("surveys:question_add", args=["U1"])).status_code == 403
    url = reverse("surveys:question_edit", args=[question.pk])
    assert head.post(url, {"text": "x", "text_en": "y"}).status_code == 403
    assert head.post(reverse("surveys:question_retire", args=[question.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        services.question_update(actor=head_user(head), question=question, text="x", text_en="y")


def head_user(client):
    from pencaker.accounts.models import User

    return User.objects.get(pk=client.session["_auth_user_id"])


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.JOB_SEEKER])
def test_other_roles_are_refused(user_factory, staff_client_factory, client, office, role):
    if role == Role.JOB_SEEKER:
        user = user_factory(role=role)
        client.force_login(user)
        c = client
    else:
        c = staff_client_factory(user_factory(role=role, office=office))
    response = c.get(reverse("surveys:questions"))
    assert response.status_code in (403, 404)
    assert c.get(reverse("surveys:question_add", args=["U1"])).status_code in (403, 404)


def test_other_offices_questions_are_not_found(
    user_factory, staff_client_factory, admin, office, other_office
):
    question = add(admin, office, text="Milik kantor pertama")
    other = staff_client_factory(user_factory(role=Role.ADMIN_DINAS, office=other_office))
    assert "Milik kantor pertama" not in other.get(reverse("surveys:questions")).content.decode()
    for name in ("surveys:question_edit", "surveys:question_retire"):
        assert other.get(reverse(name, args=[question.pk])).status_code == 404
        assert (
            other.post(reverse(name, args=[question.pk]), {"text": "x", "text_en": "y"}).status_code
            == 404
        )
    question.refresh_from_db()
    assert question.is_active and question.text == "Milik kantor pertama"
    standard = Question.objects.filter(office__isnull=True).first()
    assert other.get(reverse("surveys:question_edit", args=[standard.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.question_retire(actor=admin, question=standard)
    assert question not in selectors.questionnaire_for_office(other_office)


def test_new_survey_form_asks_the_question_at_once(admin, office, client, answer_all):
    question = add(admin, office, text="Apakah antrean tertib?")
    invitation = invitation_create(office=office, reason=InvitationReason.CARD_ISSUED)
    form = client.get(invitation.path)
    assert form.status_code == 200
    assert "Apakah antrean tertib?" in form.content.decode()
    answers = {f"q_{qid}": str(v) for qid, v in answer_all(3).items()}
    answers[f"q_{question.pk}"] = "4"
    done = client.post(invitation.path, answers)
    assert done.status_code == 302
    assert Response.objects.get().answers.filter(question=question, value=4).exists()


def test_settings_index_links_to_the_screen(admin_client, admin, office):
    add(admin, office)
    html = admin_client.get(reverse("offices:settings")).content.decode()
    assert reverse("surveys:questions") in html
    assert "1 pertanyaan" in html


def test_nul_byte_is_refused_without_500(admin_client, office):
    response = admin_client.post(
        reverse("surveys:question_add", args=["U2"]), {"text": "Apa\x00kah", "text_en": "Fine"}
    )
    assert response.status_code == 400
    assert not Question.objects.filter(office=office).exists()


@pytest.mark.parametrize("bad", ["Apa\x07kah", "Apa\u202ekah", "\x07\u200b"])
def test_control_and_format_characters_never_reach_the_question(admin, office, bad):
    if not bad.startswith("Apa"):
        with pytest.raises(DomainError) as exc:
            add(admin, office, text=bad)
        assert exc.value.code == SurveyErrorCode.QUESTION_TEXT_INVALID
        return
    assert add(admin, office, text=bad).text == "Apakah"


def test_too_long_text_is_refused_in_indonesian(admin, office):
    with pytest.raises(DomainError) as exc:
        add(admin, office, text="x" * (services.QUESTION_MAX_LENGTH + 1))
    assert exc.value.code == SurveyErrorCode.QUESTION_TEXT_INVALID
    assert "text" in exc.value.fields
