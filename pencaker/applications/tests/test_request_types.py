"""Issue 14, item 12: renewal, change of data and replacement need a card to renew,
change or replace; someone who never had one is refused with the reason, and the form
offers only the types that apply."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pencaker.applications import services
from pencaker.applications.choices import ApplicationType, Status
from pencaker.applications.models import Application
from pencaker.core.errors import DomainError

CARD_TYPES = [ApplicationType.RENEWAL, ApplicationType.DATA_CHANGE, ApplicationType.REPLACEMENT]


@pytest.fixture
def card_holder(applicant, make_application, operator):
    from pencaker.cards.services import card_issue

    approved = make_application(Status.APPROVED)
    card_issue(application=approved, actor=operator)
    return applicant


@pytest.mark.django_db
@pytest.mark.parametrize("type", CARD_TYPES)
def test_a_card_type_is_refused_for_someone_who_never_had_a_card(applicant, type):
    with pytest.raises(DomainError) as caught:
        services.application_submit(actor=applicant, type=type, idempotency_key=f"k-{type}")
    assert caught.value.code == "type_needs_card"
    assert "type" in caught.value.fields
    assert not Application.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("type", CARD_TYPES)
def test_a_card_holder_may_ask_for_a_card_type(card_holder, type):
    application, created = services.application_submit(
        actor=card_holder, type=type, idempotency_key=f"k-{type}"
    )
    assert created and application.type == type


@pytest.mark.django_db
def test_the_form_offers_only_a_new_card_to_someone_without_one(client, applicant):
    client.force_login(applicant)
    content = client.get(reverse("applications:start")).content.decode()
    assert 'value="new"' in content
    for type in CARD_TYPES:
        assert f'value="{type}"' not in content


@pytest.mark.django_db
def test_the_form_offers_the_card_types_to_a_holder(client, card_holder):
    client.force_login(card_holder)
    content = client.get(reverse("applications:start")).content.decode()
    for type in CARD_TYPES:
        assert f'value="{type}"' in content


@pytest.mark.django_db
def test_posting_a_card_type_without_a_card_explains_why(client, applicant):
    client.force_login(applicant)
    response = client.post(
        reverse("applications:start"), {"type": "renewal", "idempotency_key": "x"}
    )
    assert response.status_code == 400
    assert "belum pernah memiliki kartu AK/1" in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_the_api_refuses_a_card_type_without_a_card(applicant):
    import json

    from django.test import Client

    from pencaker.accounts.api_auth import token_issue

    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=applicant)}")
    response = api.post(
        "/api/v1/applications/",
        json.dumps({"type": "replacement"}),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="api-1",
    )
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "type_needs_card"
