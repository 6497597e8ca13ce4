from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from pencaker.core.errors import Conflict, DomainError, NotFound
from pencaker.core.models import AuditEvent
from pencaker.surveys.choices import Channel, InvitationReason
from pencaker.surveys.models import Answer, Invitation, Question, Response
from pencaker.surveys.selectors import (
    period_results,
    questionnaire_for_office,
    questions_by_element,
)
from pencaker.surveys.services import (
    Profile,
    invitation_answer,
    invitation_create,
    period_create,
    response_record,
)


def test_standard_questions_are_seeded_in_the_regulation_order(standard_questions):
    assert sorted(standard_questions) == [f"U{i}" for i in range(1, 10)]
    assert standard_questions["U4"].localized_options() == [
        (1, "Sangat mahal"),
        (2, "Cukup mahal"),
        (3, "Murah"),
        (4, "Gratis"),
    ]
    ordered = [q.element for q in Question.objects.filter(office__isnull=True)]
    assert ordered[7:] == ["U9", "U8"]  # the sample questionnaire's Q8 = U9, Q9 = U8


def test_office_questions_come_after_the_standard_one_of_their_element(
    office, other_office, standard_questions
):
    extra = Question.objects.create(
        office=office,
        element="U9",
        order=81,
        text="Toilet bersih?",
        option_1="a",
        option_2="b",
        option_3="c",
        option_4="d",
    )
    assert questions_by_element(office)["U9"] == [standard_questions["U9"], extra]
    assert extra not in questionnaire_for_office(other_office)


def test_invitation_create_returns_a_single_use_link_and_emails_after_commit(
    office, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://pencaker.example.id"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        invitation = invitation_create(
            office=office, reason=InvitationReason.CARD_ISSUED, contact_email="budi@example.id"
        )
    assert len(callbacks) == 1
    assert invitation.url == f"https://pencaker.example.id/survei/isi/{invitation.token}/"
    assert len(invitation.token) >= 32
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["budi@example.id"]
    assert invitation.url in mailoutbox[0].body
    assert AuditEvent.objects.filter(action="survey.invitation_created").count() == 1


def test_invitation_without_email_sends_nothing(
    office, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_create(office=office, reason=InvitationReason.PLACEMENT_REPORTED)
    assert invitation.pk
    assert mailoutbox == []


def test_invitation_with_unknown_reason_is_refused(office):
    with pytest.raises(DomainError) as exc:
        invitation_create(office=office, reason="lottery")
    assert exc.value.code == "invitation_reason"


def test_invitation_is_answered_once(office, answer_all):
    invitation = invitation_create(office=office, reason=InvitationReason.CARD_ISSUED)
    response = invitation_answer(
        token=invitation.token, answers=answer_all(4), profile=Profile(gender="female")
    )
    assert response.channel == Channel.INVITATION
    assert response.answers.count() == 9
    invitation.refresh_from_db()
    assert invitation.used_at is not None
    with pytest.raises(Conflict) as exc:
        invitation_answer(token=invitation.token, answers=answer_all(1), profile=Profile())
    assert exc.value.code == "invitation_used"
    assert Response.objects.count() == 1


def test_database_refuses_a_second_response_for_one_invitation(office):
    invitation = invitation_create(office=office, reason=InvitationReason.CARD_ISSUED)
    Response.objects.create(office=office, channel=Channel.INVITATION, invitation=invitation)
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(office=office, channel=Channel.INVITATION, invitation=invitation)


def test_database_refuses_answers_outside_1_to_4(office, standard_questions):
    response = Response.objects.create(office=office, channel=Channel.KIOSK)
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(
            response=response, question=standard_questions["U1"], element="U1", value=5
        )


def test_expired_and_unknown_invitations_are_refused(office, answer_all):
    invitation = invitation_create(office=office, reason=InvitationReason.CARD_ISSUED)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    with pytest.raises(Conflict) as exc:
        invitation_answer(token=invitation.token, answers=answer_all(), profile=Profile())
    assert exc.value.code == "invitation_expired"
    with pytest.raises(NotFound):
        invitation_answer(token="nope", answers=answer_all(), profile=Profile())


def test_response_refuses_values_outside_1_to_4_and_foreign_questions(
    office, other_office, operator, answer_all
):
    with pytest.raises(DomainError) as exc:
        response_record(
            actor=operator,
            office=office,
            channel=Channel.KIOSK,
            answers=answer_all(5),
            profile=Profile(),
        )
    assert exc.value.code == "answer_out_of_range"
    foreign = Question.objects.create(
        office=other_office,
        element="U1",
        text="x",
        option_1="a",
        option_2="b",
        option_3="c",
        option_4="d",
    )
    with pytest.raises(DomainError) as exc:
        response_record(
            actor=operator,
            office=office,
            channel=Channel.PAPER,
            answers={foreign.id: 3},
            profile=Profile(),
        )
    assert exc.value.code == "question_unknown"
    assert Response.objects.count() == 0


def test_response_refuses_empty_questionnaire_and_bad_profile(office, operator, answer_all):
    with pytest.raises(DomainError) as exc:
        response_record(
            actor=operator,
            office=office,
            channel=Channel.PAPER,
            answers=answer_all(None),
            profile=Profile(),
        )
    assert exc.value.code == "no_answers"
    with pytest.raises(DomainError) as exc:
        response_record(
            actor=operator,
            office=office,
            channel=Channel.PAPER,
            answers=answer_all(),
            profile=Profile(gender="robot"),
        )
    assert exc.value.code == "profile_invalid"


def test_period_results_follow_the_stored_answers(office, operator, period, answer_all):
    for values in (answer_all(4), answer_all(3, U8=None), answer_all(2, U8=1)):
        response_record(
            actor=operator,
            office=office,
            channel=Channel.PAPER,
            answers=values,
            profile=Profile(gender="male"),
        )
    # outside the period: not counted
    response_record(
        actor=operator,
        office=office,
        channel=Channel.PAPER,
        answers=answer_all(1),
        profile=Profile(survey_date=period.start_date - dt.timedelta(days=1)),
    )
    results = period_results(period)
    assert results.respondents == 3
    assert results.result.element("U1").nrr_display == Decimal("3.00")
    assert results.result.element("U8").respondents == 2
    assert results.result.element("U8").nrr_display == Decimal("2.50")
    assert results.weakest[0].code == "U8"
    assert results.sample_target == 80
    assert results.progress_percent == 3
    gender = dict(results.profile)[
        str(Response._meta.get_field("gender").verbose_name).capitalize()
    ]
    assert [count for _label, count in gender] == [3]


def test_period_create_refuses_reversed_dates_and_duplicate_names(office, operator, period):
    with pytest.raises(DomainError):
        period_create(
            actor=operator,
            office=office,
            name="X",
            start_date=dt.date(2025, 2, 1),
            end_date=dt.date(2025, 1, 1),
        )
    with pytest.raises(Conflict):
        period_create(
            actor=operator,
            office=office,
            name=period.name,
            start_date=dt.date(2025, 1, 1),
            end_date=dt.date(2025, 1, 1),
        )
