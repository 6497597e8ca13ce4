"""Suggestions (saran): a respondent writes one, staff tag it and link it to the follow-up
plan, and the published results show counts per tag and only published extracts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pencaker.accounts.models import Role
from pencaker.core.models import AuditEvent
from pencaker.surveys import selectors, services
from pencaker.surveys.choices import Channel
from pencaker.surveys.models import Response, SuggestionReview
from pencaker.surveys.services import Profile
from pencaker.surveys.tests.test_views import post_data

pytestmark = pytest.mark.django_db

SECRET = "Antrian terlalu lama, petugas Budi di loket 2 kasar"


@pytest.fixture
def with_saran(office, operator, answer_all):
    def make(text: str = SECRET) -> Response:
        return services.response_record(
            actor=operator,
            office=office,
            channel=Channel.PAPER,
            answers=answer_all(3),
            profile=Profile(suggestion=text),
        )

    return make


@pytest.fixture
def followup(period, operator):
    return services.followup_create(
        actor=operator,
        period=period,
        element="U9",
        action="Tambah kursi ruang tunggu",
        quarter=f"{period.end_date.year + 1}-Q1",
        person_responsible="Kepala Seksi",
        status="planned",
    )


def test_the_kiosk_keeps_the_suggestion_cleaned(operator_client, answer_all):
    operator_client.post(reverse("surveys:kiosk_start"))
    data = post_data(answer_all(4), suggestion="  Tambah kursi\u200b ruang tunggu  ")
    operator_client.post(reverse("surveys:kiosk"), data)
    assert Response.objects.get().suggestion == "Tambah kursi ruang tunggu"


def test_staff_tag_link_and_publish_an_extract(period, operator, with_saran, followup):
    response = with_saran()
    other = with_saran("Ruang tunggu panas")
    with_saran("")  # no suggestion: not listed
    assert [r.pk for r in selectors.period_suggestions(period)] == [other.pk, response.pk]

    review = services.suggestion_review_save(
        actor=operator,
        period=period,
        response_id=response.pk,
        tags=["Antrian", " perilaku petugas ", "antrian"],
        followup_id=followup.pk,
        extract="Waktu tunggu di loket dirasa terlalu lama.",
        publish_extract=True,
    )
    services.suggestion_review_save(
        actor=operator, period=period, response_id=other.pk, tags=["ruang tunggu", "antrian"]
    )
    assert sorted(t.name for t in review.tags.all()) == ["antrian", "perilaku petugas"]
    assert review.followup == followup
    assert selectors.period_suggestion_tag_counts(period) == [
        ("antrian", 2),
        ("perilaku petugas", 1),
        ("ruang tunggu", 1),
    ]
    assert selectors.period_published_extracts(period) == [
        "Waktu tunggu di loket dirasa terlalu lama."
    ]
    assert AuditEvent.objects.filter(action="survey.suggestion_reviewed").count() == 2


def test_the_published_results_show_counts_never_the_text(client, period, operator, with_saran):
    response = with_saran()
    services.suggestion_review_save(
        actor=operator,
        period=period,
        response_id=response.pk,
        tags=["antrian"],
        extract="Draf yang belum diterbitkan",
        publish_extract=False,
    )
    services.period_publish(actor=operator, period=period, publish=True)
    page = client.get(reverse("surveys:public_results")).content.decode()
    assert "antrian: 1" in page
    assert SECRET not in page and "Budi" not in page
    assert "Draf yang belum diterbitkan" not in page

    SuggestionReview.objects.filter(response=response).update(extract_published=True)
    assert (
        "Draf yang belum diterbitkan"
        in client.get(reverse("surveys:public_results")).content.decode()
    )


def test_staff_page_lists_and_saves(operator_client, period, with_saran, followup):
    response = with_saran()
    url = reverse("surveys:suggestions", kwargs={"pk": period.pk})
    page = operator_client.get(url)
    assert page.status_code == 200 and SECRET in page.content.decode()
    saved = operator_client.post(
        url,
        {"response": response.pk, "tags": "antrian, sikap", "followup": followup.pk, "extract": ""},
    )
    assert saved.status_code == 302
    assert sorted(t.name for t in response.suggestion_review.tags.all()) == ["antrian", "sikap"]
    bad = operator_client.post(url, {"response": response.pk, "tags": "x" * 61})
    assert bad.status_code == 400


def test_other_offices_and_the_head_of_office_cannot_write(
    period, with_saran, user_factory, other_office, office, staff_client_factory
):
    response = with_saran()
    outsider = user_factory(role=Role.OPERATOR, office=other_office)
    with pytest.raises(services.suggestions.PermissionDenied):
        services.suggestion_review_save(
            actor=outsider, period=period, response_id=response.pk, tags=["x"]
        )
    url = reverse("surveys:suggestions", kwargs={"pk": period.pk})
    assert staff_client_factory(outsider).get(url).status_code == 404
    head = staff_client_factory(user_factory(role=Role.PIMPINAN, office=office))
    assert head.get(url).status_code == 200
    assert head.post(url, {"response": response.pk, "tags": "x"}).status_code == 404
    assert not SuggestionReview.objects.exists()
