"""``application_card_issue``: the card, its registration event and the survey invitation
commit together and are written once, even when a worker dies before the PDF is done."""

from __future__ import annotations

import pytest

from pencaker.applications.choices import Status
from pencaker.applications.services import application_card_issue
from pencaker.applications.services import card as card_services
from pencaker.cards.models import Card
from pencaker.lifecycle.models import SeekerEvent
from pencaker.surveys.models import Invitation


@pytest.fixture(autouse=True)
def _card_data_dir(settings, tmp_path):
    from pencaker.cards import signing

    settings.DATA_DIR = tmp_path / "data"
    signing._cache.clear()
    yield
    signing._cache.clear()


def _counts(application):
    return (
        Card.objects.filter(application=application).count(),
        SeekerEvent.objects.filter(holder=application.applicant).count(),
        Invitation.objects.filter(reason="card_issued").count(),
    )


def test_a_worker_that_dies_before_the_pdf_leaves_a_card_the_retry_finishes(
    make_application, operator, monkeypatch
):
    application = make_application(Status.APPROVED)

    def crash(**kwargs):
        raise RuntimeError("worker killed while rendering")

    monkeypatch.setattr(card_services, "card_render", crash)
    with pytest.raises(RuntimeError):
        application_card_issue(application=application, actor=operator)
    assert _counts(application) == (1, 1, 1)
    assert not Card.objects.get(application=application).has_pdf

    monkeypatch.undo()
    card = application_card_issue(application=application, actor=operator)
    assert card.has_pdf
    assert _counts(application) == (1, 1, 1)


def test_a_failure_inside_the_issue_writes_neither_card_nor_event_nor_invitation(
    make_application, operator, monkeypatch
):
    application = make_application(Status.APPROVED)

    def broken(**kwargs):
        raise RuntimeError("survey table unavailable")

    monkeypatch.setattr(card_services, "invitation_create", broken)
    with pytest.raises(RuntimeError):
        application_card_issue(application=application, actor=operator)
    assert _counts(application) == (0, 0, 0)


def test_a_new_version_for_the_holder_is_not_invited_again(make_application, operator):
    first = make_application(Status.APPROVED)
    application_card_issue(application=first, actor=operator)
    second = make_application(Status.APPROVED)
    newer = application_card_issue(application=second, actor=operator)
    assert newer.version == 2
    assert Invitation.objects.filter(reason="card_issued").count() == 1
