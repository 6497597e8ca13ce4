from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from pencaker.accounts.models import Role
from pencaker.cards.rules import add_months
from pencaker.lifecycle.models import Placement, Report


@pytest.fixture
def due_card(issue_card, holder):
    """A card whose first report window is open today (issued 6 months minus 5 days ago)."""
    return issue_card(holder, on=add_months(timezone.localdate(), -6) + timezone.timedelta(days=5))


@pytest.fixture
def holder_client(client, holder):
    client.force_login(holder)
    return client


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(reverse("lifecycle:home"))
    assert response.status_code == 302
    assert "/akun/" in response["Location"]


def test_holder_sees_the_open_report_and_the_timeline(holder_client, due_card):
    response = holder_client.get(reverse("lifecycle:home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Laporan ke-1 jatuh pada" in body
    assert "Terdaftar sebagai pencari kerja" in body


def test_holder_reports_still_seeking_in_one_step(holder_client, due_card):
    response = holder_client.post(
        reverse("lifecycle:home"), {"outcome": "seeking", "profile_confirmed": "on"}
    )
    assert response.status_code == 302
    report = Report.objects.get(card_number=due_card.number)
    assert (report.number, report.channel, report.outcome) == (1, "online", "seeking")


def test_seeking_without_confirming_the_profile_is_explained(holder_client, due_card):
    response = holder_client.post(reverse("lifecycle:home"), {"outcome": "seeking"})
    assert response.status_code == 200
    assert "Centang kotak" in response.content.decode()
    assert not Report.objects.exists()


def test_employed_report_needs_the_job_details(holder_client, due_card):
    response = holder_client.post(reverse("lifecycle:home"), {"outcome": "employed"})
    assert response.status_code == 200
    assert "Tulis nama perusahaan" in response.content.decode()
    assert not Report.objects.exists()


def test_employed_report_places_the_card(holder_client, due_card):
    today = timezone.localdate()
    response = holder_client.post(
        reverse("lifecycle:home"),
        {
            "outcome": "employed",
            "employer": "CV Maju",
            "position": "Kasir",
            "sector": "trade",
            "start_date": today.isoformat(),
            "area": "AKAD",
        },
    )
    assert response.status_code == 302
    assert Placement.objects.get().area == "AKAD"


def test_nonsense_input_gets_a_message_not_an_error(holder_client, due_card):
    response = holder_client.post(
        reverse("lifecycle:placement"),
        {"employer": "x" * 500, "start_date": "kemarin", "sector": "??", "area": "MARS"},
    )
    assert response.status_code == 200
    assert not Placement.objects.exists()


def test_operator_of_another_office_cannot_see_the_card(
    staff_client_factory, user_factory, other_office, due_card
):
    stranger = staff_client_factory(user_factory(Role.OPERATOR, office=other_office))
    response = stranger.get(reverse("lifecycle:staff_card"), {"nomor": due_card.number})
    assert response.status_code == 200
    assert due_card.holder_name not in response.content.decode()
    assert (
        stranger.get(reverse("lifecycle:staff_report", args=[due_card.number])).status_code == 404
    )


def test_operator_records_a_counter_report(staff_client_factory, operator, due_card):
    staff = staff_client_factory(operator)
    page = staff.get(reverse("lifecycle:staff_card"), {"nomor": due_card.number})
    assert due_card.holder_name in page.content.decode()
    response = staff.post(
        reverse("lifecycle:staff_report", args=[due_card.number]),
        {"outcome": "seeking", "profile_confirmed": "on"},
    )
    assert response.status_code == 302
    assert Report.objects.get().channel == "counter"


def test_only_the_administrator_edits_the_rules(
    staff_client_factory, operator, user_factory, signed_office
):
    url = reverse("lifecycle:staff_settings")
    assert staff_client_factory(operator).get(url).status_code == 403
    admin = staff_client_factory(user_factory(Role.ADMIN_DINAS, office=signed_office))
    response = admin.post(
        url,
        {
            "window_days_before": "20",
            "window_days_after": "20",
            "removal_enabled": "on",
            "removal_grace_days": "30",
        },
    )
    assert response.status_code == 302
    assert signed_office.lifecycle_settings.window_days_before == 20
    assert signed_office.lifecycle_settings.expiry_enabled is False
    bad = admin.post(url, {"window_days_before": "500", "window_days_after": "-1"})
    assert bad.status_code == 200
