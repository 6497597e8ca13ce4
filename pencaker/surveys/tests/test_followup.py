"""The follow-up plan (rencana tindak lanjut): services, permissions and pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pencaker.accounts.models import Role
from pencaker.core.errors import DomainError
from pencaker.core.models import AuditEvent
from pencaker.surveys.choices import Channel, FollowUpStatus
from pencaker.surveys.models import FollowUpAction
from pencaker.surveys.services import (
    Profile,
    followup_create,
    followup_delete,
    followup_update,
    response_record,
)

VALID = {
    "element": "U8",
    "action": "Buka meja pengaduan di loket",
    "quarter": "2027-Q1",
    "person_responsible": "Kepala Seksi Penempatan",
}


@pytest.fixture
def head(user_factory, office):
    return user_factory(role=Role.PIMPINAN, office=office)


@pytest.fixture
def followup(operator, period):
    return followup_create(actor=operator, period=period, **VALID)


# --- Services ------------------------------------------------------------------------------


def test_create_stores_the_action_and_audits_it(operator, period):
    followup = followup_create(actor=operator, period=period, **{**VALID, "quarter": " 2027-q1 "})
    assert followup.quarter == "2027-Q1"
    assert followup.status == FollowUpStatus.PLANNED
    event = AuditEvent.objects.get(action="survey.followup_created")
    assert event.actor == operator
    assert event.office == period.office
    assert event.data["element"] == "U8"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"element": "U10"}, "followup_element"),
        ({"action": "   "}, "followup_action_missing"),
        ({"action": "x" * 1001}, "followup_action_long"),
        ({"quarter": "2027-Q5"}, "followup_quarter"),
        ({"quarter": "Q1 2027"}, "followup_quarter"),
        ({"quarter": "1999-Q4"}, "followup_quarter"),
        ({"person_responsible": ""}, "followup_person"),
        ({"status": "forgotten"}, "followup_status"),
    ],
)
def test_create_refuses_bad_input_with_a_stable_code(operator, period, change, code):
    with pytest.raises(DomainError) as caught:
        followup_create(actor=operator, period=period, **{**VALID, **change})
    assert caught.value.code == code
    assert FollowUpAction.objects.count() == 0


def test_head_of_office_cannot_write_the_plan(head, period):
    with pytest.raises(DomainError) as caught:
        followup_create(actor=head, period=period, **VALID)
    assert caught.value.code == "followup_forbidden"


def test_staff_of_another_office_cannot_write_the_plan(user_factory, other_office, period):
    stranger = user_factory(role=Role.ADMIN_DINAS, office=other_office)
    with pytest.raises(DomainError) as caught:
        followup_create(actor=stranger, period=period, **VALID)
    assert caught.value.code == "followup_forbidden"


def test_update_changes_the_action_and_keeps_before_and_after(operator, followup):
    followup_update(
        actor=operator,
        followup=followup,
        **{**VALID, "action": "Kotak saran digital"},
        status=FollowUpStatus.DONE,
    )
    followup.refresh_from_db()
    assert followup.action == "Kotak saran digital"
    assert followup.status == FollowUpStatus.DONE
    event = AuditEvent.objects.get(action="survey.followup_updated")
    assert event.data["before"]["status"] == "planned"
    assert event.data["after"]["status"] == "done"


def test_delete_removes_the_action_and_the_audit_keeps_it(operator, followup):
    followup_delete(actor=operator, followup=followup)
    assert FollowUpAction.objects.count() == 0
    event = AuditEvent.objects.get(action="survey.followup_deleted")
    assert event.data["action"] == VALID["action"]


def test_head_of_office_cannot_delete(head, followup):
    with pytest.raises(DomainError):
        followup_delete(actor=head, followup=followup)
    assert FollowUpAction.objects.count() == 1


# --- Pages ------------------------------------------------------------------------------------


def test_results_page_links_the_lowest_element_to_a_new_action(
    operator_client, operator, office, period, answer_all
):
    response_record(
        actor=operator,
        office=office,
        channel=Channel.PAPER,
        answers=answer_all(4, U8=1),
        profile=Profile(),
    )
    html = operator_client.get(reverse("surveys:results", kwargs={"pk": period.pk})).content
    add_url = reverse("surveys:followup_add", kwargs={"pk": period.pk})
    assert f'href="{add_url}?unsur=U8"'.encode() in html
    form = operator_client.get(add_url + "?unsur=U8").content.decode()
    assert '<option value="U8" selected>' in form


def test_operator_adds_an_action_from_the_form(operator_client, period):
    url = reverse("surveys:followup_add", kwargs={"pk": period.pk})
    response = operator_client.post(url, {**VALID, "status": "planned"})
    assert response.status_code == 302
    assert response["Location"].endswith("#plan")
    saved = FollowUpAction.objects.get()
    assert saved.period == period
    html = operator_client.get(reverse("surveys:results", kwargs={"pk": period.pk})).content
    assert VALID["action"].encode() in html


def test_form_errors_are_shown_next_to_the_fields(operator_client, period):
    url = reverse("surveys:followup_add", kwargs={"pk": period.pk})
    response = operator_client.post(
        url, {"element": "U99", "action": "", "quarter": "1900-Q9", "person_responsible": ""}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html
    assert html.count('class="error"') == 5
    assert FollowUpAction.objects.count() == 0


def test_operator_edits_and_removes_an_action(operator_client, followup):
    edit = reverse("surveys:followup_edit", kwargs={"pk": followup.pk})
    page = operator_client.get(edit).content.decode()
    assert VALID["person_responsible"] in page
    response = operator_client.post(edit, {**VALID, "quarter": "2027-Q2", "status": "in_progress"})
    assert response.status_code == 302
    followup.refresh_from_db()
    assert (followup.quarter, followup.status) == ("2027-Q2", "in_progress")
    remove = reverse("surveys:followup_delete", kwargs={"pk": followup.pk})
    confirm = operator_client.get(remove)
    assert confirm.status_code == 200
    assert VALID["action"] in confirm.content.decode()
    assert FollowUpAction.objects.count() == 1
    assert operator_client.post(remove).status_code == 302
    assert FollowUpAction.objects.count() == 0


def test_editing_keeps_a_quarter_outside_the_offered_range(operator, operator_client, period):
    old = followup_create(actor=operator, period=period, **{**VALID, "quarter": "2001-Q3"})
    edit = reverse("surveys:followup_edit", kwargs={"pk": old.pk})
    assert '<option value="2001-Q3" selected>' in operator_client.get(edit).content.decode()


def test_head_of_office_reads_the_plan_but_cannot_change_it(
    staff_client_factory, head, followup, period
):
    client = staff_client_factory(head)
    html = client.get(reverse("surveys:results", kwargs={"pk": period.pk})).content.decode()
    assert VALID["action"] in html
    assert reverse("surveys:followup_edit", kwargs={"pk": followup.pk}) not in html
    assert reverse("surveys:followup_add", kwargs={"pk": period.pk}) not in html
    assert (
        client.get(reverse("surveys:followup_edit", kwargs={"pk": followup.pk})).status_code == 403
    )
    assert (
        client.post(reverse("surveys:followup_delete", kwargs={"pk": followup.pk})).status_code
        == 403
    )
    assert FollowUpAction.objects.count() == 1


def test_staff_of_another_office_get_404_for_the_plan(
    user_factory, other_office, staff_client_factory, followup, period
):
    other = staff_client_factory(user_factory(role=Role.OPERATOR, office=other_office))
    assert (
        other.get(reverse("surveys:followup_edit", kwargs={"pk": followup.pk})).status_code == 404
    )
    assert (
        other.post(reverse("surveys:followup_delete", kwargs={"pk": followup.pk})).status_code
        == 404
    )
    assert other.get(reverse("surveys:followup_add", kwargs={"pk": period.pk})).status_code == 404
    assert FollowUpAction.objects.count() == 1
