"""Views leave "who may decide" to the services: a refusal there is the same 403 page the
role decorator gave before."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pencaker.accounts.models import Role
from pencaker.applications.choices import Status


@pytest.fixture
def pimpinan_client(staff_client_factory, user_factory, office):
    return staff_client_factory(user_factory(Role.PIMPINAN, office=office))


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["claim", "release", "approve"])
def test_head_of_office_is_refused_a_decision_by_the_service(
    pimpinan_client, make_application, action
):
    application = make_application()
    response = pimpinan_client.post(reverse(f"applications:{action}", args=[application.pk]))
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert application.claimed_by_id is None


@pytest.mark.django_db
def test_head_of_office_may_still_read_the_review_page(pimpinan_client, make_application):
    application = make_application()
    response = pimpinan_client.get(reverse("applications:review", args=[application.pk]))
    assert response.status_code == 200


@pytest.mark.django_db
def test_head_of_office_gets_no_assisted_registration_form(pimpinan_client):
    assert pimpinan_client.get(reverse("applications:assisted")).status_code == 403
