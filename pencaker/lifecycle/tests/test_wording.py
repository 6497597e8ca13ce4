"""What the holder reads has no doubled punctuation: no "?:" in the error summary, no
"(AKL))" in the timeline."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from pencaker.cards.rules import add_months


@pytest.fixture
def due_card(issue_card, holder):
    return issue_card(holder, on=add_months(timezone.localdate(), -6) + timezone.timedelta(days=5))


@pytest.fixture
def holder_client(client, holder):
    client.force_login(holder)
    return client


def test_error_summary_does_not_follow_a_question_with_a_colon(holder_client, due_card):
    response = holder_client.post(reverse("lifecycle:home"), {"outcome": "employed"})

    body = response.content.decode()
    assert "Di mana tempat kerjanya?" in body
    assert "?:" not in body


def test_timeline_names_the_area_without_doubled_brackets(holder_client, due_card):
    holder_client.post(
        reverse("lifecycle:home"),
        {
            "outcome": "employed",
            "employer": "CV Maju",
            "position": "Kasir",
            "sector": "trade",
            "start_date": timezone.localdate().isoformat(),
            "area": "AKL",
        },
    )

    body = holder_client.get(reverse("lifecycle:home")).content.decode()
    assert "(AKL)" in body
    assert "(AKL))" not in body
