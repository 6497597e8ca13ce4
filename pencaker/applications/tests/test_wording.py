"""People read words, not internal codes: returned items by name, staff wording for staff,
Indonesian dates on the review page, "RT/RW" only when filled, no time left once decided."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from pencaker.applications.choices import Status


@pytest.mark.django_db
def test_timeline_names_the_returned_item_not_its_code(
    make_application, applicant, client, operator, staff_client_factory
):
    application = make_application(Status.NEEDS_CHANGES)
    client.force_login(applicant)

    mine = client.get(reverse("applications:detail", args=[application.tracking_number]))
    html = mine.content.decode()
    assert "document:photo" not in html
    assert "Pas foto berwarna 3x4" in html

    staff = staff_client_factory(operator).get(
        reverse("applications:review", args=[application.pk])
    )
    staff_html = staff.content.decode()
    assert "document:photo" not in staff_html
    assert "Dikembalikan kepada Anda" not in staff_html
    assert "Dikembalikan kepada pemohon" in staff_html


@pytest.mark.django_db
def test_review_page_shows_dates_in_indonesian_and_rt_rw_only_when_filled(
    make_application, applicant, operator, staff_client_factory
):
    profile = applicant.seeker_profile
    profile.birth_date = dt.date(1995, 8, 17)
    profile.rt = profile.rw = ""
    profile.save()
    application = make_application(Status.IN_REVIEW)

    html = (
        staff_client_factory(operator)
        .get(reverse("applications:review", args=[application.pk]))
        .content.decode()
    )

    assert "17 Agustus 1995" in html
    assert "1995-08-17" not in html
    assert "RT  / RW" not in html and "RT / RW" not in html


@pytest.mark.django_db
def test_no_time_left_is_shown_after_the_decision(make_application, operator, staff_client_factory):
    application = make_application(Status.APPROVED)

    html = (
        staff_client_factory(operator)
        .get(reverse("applications:review", args=[application.pk]))
        .content.decode()
    )

    assert "jam kerja" not in html
