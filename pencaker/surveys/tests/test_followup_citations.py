"""The follow-up plan cites complaints by tracking number (issue 15, scope 7): numbers of
this office are kept and linked for staff; unknown numbers and other offices' are refused
with an Indonesian message; citing none is fine."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pencaker.accounts.models import Role
from pencaker.complaints import services as complaints
from pencaker.complaints.choices import Category, Channel, Privacy
from pencaker.core.errors import DomainError
from pencaker.surveys import citations
from pencaker.surveys.errors import SurveyErrorCode
from pencaker.surveys.models import FollowUpAction
from pencaker.surveys.services import followup_create, followup_update

pytestmark = pytest.mark.django_db

VALID = {
    "element": "U8",
    "action": "Buka meja pengaduan di loket",
    "quarter": "2027-Q1",
    "person_responsible": "Kepala Seksi Penempatan",
    "status": "planned",
}


def make_complaint(office, actor=None, named_staff=None):
    channel = Channel.COUNTER if actor else Channel.WEB
    data = complaints.ComplaintInput(
        office=office,
        category=Category.FEES,
        text="Diminta biaya di loket.",
        privacy=Privacy.ANONYMOUS,
        channel=channel,
        named_staff_id=named_staff.pk if named_staff else None,
    )
    complaint, _created = complaints.complaint_submit(actor=actor, data=data)
    return complaint


@pytest.fixture
def ours(office):
    return make_complaint(office)


@pytest.fixture
def theirs(other_office):
    return make_complaint(other_office)


def test_a_number_of_this_office_is_kept_and_linked(operator, operator_client, period, ours):
    url = reverse("surveys:followup_add", kwargs={"pk": period.pk})
    cited = f" {ours.tracking_number.lower()} ,{ours.tracking_number}"
    response = operator_client.post(url, {**VALID, "cited_complaints": cited})
    assert response.status_code == 302
    saved = FollowUpAction.objects.get()
    assert saved.cited_complaints == ours.tracking_number  # normalised, once
    html = operator_client.get(reverse("surveys:results", kwargs={"pk": period.pk})).content
    link = reverse("complaints:staff_detail", kwargs={"pk": ours.pk})
    assert f'<a href="{link}">{ours.tracking_number}</a>'.encode() in html
    form = operator_client.get(reverse("surveys:followup_edit", kwargs={"pk": saved.pk}))
    assert f'value="{ours.tracking_number}"'.encode() in form.content


def test_the_staff_member_a_complaint_names_sees_the_number_without_a_link(
    office, operator, user_factory, staff_client_factory, period
):
    officer = user_factory(role=Role.COMPLAINTS_OFFICER, office=office)
    named = make_complaint(office, actor=officer, named_staff=operator)
    followup_create(actor=operator, period=period, **VALID, cited_complaints=named.tracking_number)
    html = (
        staff_client_factory(operator)
        .get(reverse("surveys:results", kwargs={"pk": period.pk}))
        .content.decode()
    )
    assert named.tracking_number in html
    assert reverse("complaints:staff_detail", kwargs={"pk": named.pk}) not in html
    officer_html = (
        staff_client_factory(officer)
        .get(reverse("surveys:results", kwargs={"pk": period.pk}))
        .content.decode()
    )
    assert reverse("complaints:staff_detail", kwargs={"pk": named.pk}) in officer_html


@pytest.mark.parametrize("which", ["unknown", "other office"])
def test_an_unknown_or_other_offices_number_is_refused(
    which, operator, operator_client, period, ours, theirs
):
    number = "ADU-2601-ZZZZ-ZZZZ" if which == "unknown" else theirs.tracking_number
    with pytest.raises(DomainError) as refused:
        followup_create(
            actor=operator, period=period, **VALID,
            cited_complaints=f"{ours.tracking_number}, {number}",
        )  # fmt: skip
    assert refused.value.code == SurveyErrorCode.FOLLOWUP_COMPLAINTS
    assert refused.value.message == (
        f"Tidak ada pengaduan kantor ini dengan nomor pelacakan {number}."
    )
    url = reverse("surveys:followup_add", kwargs={"pk": period.pk})
    response = operator_client.post(url, {**VALID, "cited_complaints": number})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tidak ada pengaduan kantor ini dengan nomor pelacakan" in html
    assert FollowUpAction.objects.count() == 0


def test_malformed_or_too_many_numbers_are_refused(operator, period):
    with pytest.raises(DomainError) as malformed:
        followup_create(actor=operator, period=period, **VALID, cited_complaints="ADU<1>")
    assert "bukan nomor pelacakan" in malformed.value.message
    many = ", ".join(f"ADU-2601-AAAA-{n:04d}" for n in range(citations.MAX_CITATIONS + 1))
    with pytest.raises(DomainError) as too_many:
        followup_create(actor=operator, period=period, **VALID, cited_complaints=many)
    assert too_many.value.fields == {"cited_complaints": [too_many.value.message]}


def test_no_number_is_fine_and_a_citation_can_be_removed(operator, operator_client, period, ours):
    plain = followup_create(actor=operator, period=period, **VALID)
    assert plain.cited_complaints == ""
    html = operator_client.get(reverse("surveys:results", kwargs={"pk": period.pk})).content
    assert b'<td class="followup-complaints">\xe2\x80\x93</td>' in html
    cited = followup_update(
        actor=operator, followup=plain, **VALID, cited_complaints=ours.tracking_number
    )
    assert cited.cited_complaints == ours.tracking_number
    cleared = followup_update(actor=operator, followup=cited, **VALID, cited_complaints=" ")
    assert cleared.cited_complaints == ""


def test_the_split_keeps_order_and_drops_repeats():
    assert citations.citations_split(" adu-1;ADU-2  adu-1,\n") == ["ADU-1", "ADU-2"]
    assert citations.citations_malformed(["ADU-2601-ABCD-EFGH", "AB", "ADU_1"]) == ["AB", "ADU_1"]
