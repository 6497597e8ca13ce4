"""Withdrawing a request takes two steps, also without JavaScript: the detail page links
to a confirmation page whose form does the withdrawing."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from pencaker.applications.choices import Status


@pytest.mark.django_db
def test_withdraw_asks_for_confirmation_first(client, applicant, make_application):
    application = make_application()
    client.force_login(applicant)
    url = reverse("applications:withdraw", args=[application.tracking_number])

    detail = client.get(reverse("applications:detail", args=[application.tracking_number]))
    assert f'<form method="post" action="{url}"' not in detail.content.decode()
    assert f'href="{url}"' in detail.content.decode()

    confirm = client.get(url)
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert re.search(rf'<form method="post" action="{re.escape(url)}"', html)
    assert "Ya, batalkan permohonan saya" in html
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED

    client.post(url)
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN


@pytest.mark.django_db
def test_confirmation_page_of_someone_elses_request_is_not_found(
    client, seeker_factory, make_application
):
    application = make_application()
    client.force_login(seeker_factory())

    response = client.get(reverse("applications:withdraw", args=[application.tracking_number]))

    assert response.status_code == 404
