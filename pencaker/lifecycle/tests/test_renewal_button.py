"""The renewal button of the holder's report page posts to applications (which submits the
renewal), and the request shows on the lifecycle timeline through the source applications
registers: lifecycle itself reads nothing of applications."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from pencaker.applications.choices import ApplicationType, Status
from pencaker.applications.models import Application
from pencaker.lifecycle.selectors import timeline_for_holder
from pencaker.lifecycle.tests.test_expiry_renewal import _upload

OLD = dt.date(2023, 1, 10)  # valid until 10 Jan 2025: expired today


def test_the_renewal_button_submits_a_renewal_once_and_the_timeline_shows_it(
    client, issue_card, holder
):
    for kind in ("ktp", "photo", "ijazah"):
        _upload(holder, kind)
    issue_card(holder, on=OLD)
    client.force_login(holder)
    home = client.get(reverse("lifecycle:home"))
    assert reverse("applications:renew").encode() in home.content

    first = client.post(reverse("applications:renew"))
    again = client.post(reverse("applications:renew"))

    assert first.status_code == again.status_code == 302
    assert first["Location"] == reverse("lifecycle:home")
    renewal = Application.objects.get(applicant=holder, type=ApplicationType.RENEWAL)
    assert renewal.status == Status.SUBMITTED
    entries = [e for e in timeline_for_holder(holder) if e.kind == "renewal_requested"]
    assert len(entries) == 1
    assert renewal.tracking_number in entries[0].detail


def test_the_renewal_button_refuses_a_card_far_from_expiry(client, issue_card, holder):
    issue_card(holder, on=timezone.localdate())
    client.force_login(holder)
    response = client.post(reverse("applications:renew"))
    assert response.status_code == 302
    assert not Application.objects.filter(applicant=holder, type=ApplicationType.RENEWAL).exists()
