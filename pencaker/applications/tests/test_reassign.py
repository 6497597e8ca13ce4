"""The admin dinas hands an application being checked to another operator (review screen)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pencaker.accounts.models import Role
from pencaker.applications.choices import Status
from pencaker.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def url(application) -> str:
    return reverse("applications:reassign", args=[application.pk])


@pytest.fixture
def in_review(make_application):
    return make_application(Status.IN_REVIEW)


@pytest.fixture
def admin_client(staff_client_factory, admin_dinas):
    return staff_client_factory(admin_dinas)


def test_admin_hands_the_application_to_another_operator(
    admin_client, in_review, operator2, admin_dinas
):
    response = admin_client.post(url(in_review), {"operator": operator2.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:review", args=[in_review.pk])
    in_review.refresh_from_db()
    assert in_review.claimed_by_id == operator2.pk
    assert in_review.status == Status.IN_REVIEW
    event = AuditEvent.objects.get(action="application.reassigned")
    assert event.actor_id == admin_dinas.pk


def test_choice_lists_only_other_active_deciders_of_the_office(
    admin_client, in_review, operator, operator2, foreign_operator, user_factory, office
):
    pimpinan = user_factory(Role.PIMPINAN, office=office, full_name="Kepala Dinas")
    retired = user_factory(Role.OPERATOR, office=office, is_active=False)
    response = admin_client.get(url(in_review))
    assert response.status_code == 200
    choices = {value for value, _label in response.context["form"].fields["operator"].choices}
    values = {str(v) for v in choices if v != ""}
    assert str(operator2.pk) in values
    for excluded in (operator, foreign_operator, pimpinan, retired):
        assert str(excluded.pk) not in values


@pytest.mark.parametrize("value", ["", "abc", "999999", "1 OR 1=1", "\x00"])
def test_invalid_choice_is_refused_with_a_message(admin_client, in_review, operator, value):
    response = admin_client.post(url(in_review), {"operator": value})
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    in_review.refresh_from_db()
    assert in_review.claimed_by_id == operator.pk


def test_operator_of_another_office_cannot_be_chosen(
    admin_client, in_review, operator, foreign_operator
):
    response = admin_client.post(url(in_review), {"operator": foreign_operator.pk})
    assert response.status_code == 400
    assert "Pilih petugas dari daftar" in response.content.decode()
    in_review.refresh_from_db()
    assert in_review.claimed_by_id == operator.pk


def test_application_waiting_in_the_queue_cannot_be_handed_over(
    admin_client, make_application, operator2
):
    submitted = make_application(Status.SUBMITTED)
    page = admin_client.get(url(submitted))
    assert page.status_code == 200
    assert 'name="operator"' not in page.content.decode()
    response = admin_client.post(url(submitted), {"operator": operator2.pk})
    assert response.status_code == 400
    assert "Hanya permohonan yang sedang diperiksa" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.claimed_by_id is None


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.PIMPINAN])
def test_only_the_admin_dinas_may_reassign(
    staff_client_factory, user_factory, office, in_review, operator, operator2, role
):
    client = staff_client_factory(user_factory(role, office=office))
    assert client.get(url(in_review)).status_code == 403
    assert client.post(url(in_review), {"operator": operator2.pk}).status_code == 403
    in_review.refresh_from_db()
    assert in_review.claimed_by_id == operator.pk


def test_admin_of_another_office_sees_not_found(
    staff_client_factory, user_factory, other_office, in_review, operator
):
    client = staff_client_factory(user_factory(Role.ADMIN_DINAS, office=other_office))
    assert client.get(url(in_review)).status_code == 404
    in_review.refresh_from_db()
    assert in_review.claimed_by_id == operator.pk


def test_signed_out_visitor_is_sent_to_log_in(client, in_review):
    response = client.get(url(in_review))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_review_screen_links_the_reassign_page_for_the_admin_only(
    admin_client, staff_client_factory, in_review, operator
):
    link = f'href="{url(in_review)}"'
    assert (
        link
        in admin_client.get(reverse("applications:review", args=[in_review.pk])).content.decode()
    )
    operator_client = staff_client_factory(operator)
    review = operator_client.get(reverse("applications:review", args=[in_review.pk]))
    assert link not in review.content.decode()
