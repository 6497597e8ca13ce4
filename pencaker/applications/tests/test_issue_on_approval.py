"""Approving an application issues its signed card after commit, exactly once."""

import pytest

from pencaker.applications import services as applications
from pencaker.cards.models import Card


@pytest.mark.django_db
def test_approval_issues_one_card_after_commit(
    django_capture_on_commit_callbacks, settings, tmp_path
):
    from django.core.management import call_command

    settings.DATA_DIR = tmp_path
    call_command("seed_demo")
    from pencaker.accounts.models import User

    seeker = User.objects.get(email="pencaker@demo.pencaker.id")
    operator = User.objects.get(email="operator@demo.pencaker.id")
    application, _ = applications.application_submit(actor=seeker, idempotency_key="t-approve")
    applications.application_claim(actor=operator, application_id=application.pk)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        applications.application_approve(actor=operator, application_id=application.pk)
    assert not Card.objects.filter(application=application).exists()
    for callback in callbacks:
        callback()
    card = Card.objects.get(application=application)
    assert card.holder == seeker
    assert card.pdf_sha256
    for callback in callbacks:  # a repeated delivery issues nothing twice
        callback()
    assert Card.objects.filter(application=application).count() == 1


@pytest.mark.django_db
def test_issuing_a_first_card_records_one_registration_event(settings, tmp_path):
    from django.core.management import call_command

    from pencaker.accounts.models import User
    from pencaker.lifecycle.models import SeekerEvent

    settings.DATA_DIR = tmp_path
    call_command("seed_demo")
    seeker = User.objects.get(email="pencaker@demo.pencaker.id")
    card = Card.objects.get(holder=seeker)
    events = SeekerEvent.objects.filter(holder=seeker, kind="registered")
    assert events.count() == 1
    assert events.get().card_id == card.pk
    assert events.get().sex == "F"


@pytest.mark.django_db
def test_a_first_card_invites_the_holder_to_the_satisfaction_survey(
    settings, tmp_path, django_capture_on_commit_callbacks, mailoutbox
):
    from django.core.management import call_command

    from pencaker.surveys.models import Invitation

    settings.DATA_DIR = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")
    invitations = Invitation.objects.filter(reason="card_issued")
    assert invitations.count() == 1
    survey_mails = [m for m in mailoutbox if invitations.get().url in m.body]
    assert [m.to for m in survey_mails] == [["pencaker@demo.pencaker.id"]]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")
    assert Invitation.objects.filter(reason="card_issued").count() == 1
