"""The public page publishes the index and the per-element grades of published periods only."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from pencaker.accounts.models import Role
from pencaker.surveys.choices import Channel
from pencaker.surveys.services import Profile, period_create, period_publish, response_record


def publish_with(operator, office, answers, *, name, year):
    period = period_create(
        actor=operator,
        office=office,
        name=name,
        start_date=dt.date(year, 1, 1),
        end_date=dt.date(year, 12, 31),
    )
    for values in answers:
        response_record(
            actor=operator,
            office=office,
            channel=Channel.PAPER,
            answers=values,
            profile=Profile(survey_date=dt.date(year, 6, 1)),
        )
    return period


def section_of(html: str, name: str) -> str:
    match = re.search(
        r"<section class=\"card-panel\">(?:(?!</section>).)*?" + re.escape(name) + r".*?</section>",
        html,
        re.S,
    )
    assert match, f"no section for {name}"
    return match.group(0)


def test_public_page_shows_index_and_every_element_grade(client, operator, office, answer_all):
    period = publish_with(
        operator, office, [answer_all(4, U8=2, U9=3)], name="Tahun 2024", year=2024
    )
    period_publish(actor=operator, period=period, publish=True)
    html = client.get(reverse("surveys:public_results")).content.decode()
    section = section_of(html, "Tahun 2024")
    # (7×4 + 2 + 3) / 9 × 25 = 91.666… → 91,67 A
    assert "91,67" in section
    assert section.count("<tr") == 10  # header + U1 … U9
    assert "A (Sangat baik)" in section or "A (Sangat Baik)" in section
    assert "50,00" in section  # U8 converted
    assert "75,00" in section  # U9 converted
    assert "NRR" not in section  # the public table shows grades, not the working


def test_public_page_hides_unpublished_periods(client, operator, office, answer_all):
    publish_with(operator, office, [answer_all(1)], name="Draf 2023", year=2023)
    html = client.get(reverse("surveys:public_results")).content.decode()
    assert "Draf 2023" not in html


def test_public_page_filters_by_office_code(
    client, operator, office, other_office, user_factory, answer_all
):
    mine = publish_with(operator, office, [answer_all(4)], name="Kantor A 2024", year=2024)
    period_publish(actor=operator, period=mine, publish=True)
    other_operator = user_factory(role=Role.OPERATOR, office=other_office)
    theirs = publish_with(
        other_operator, other_office, [answer_all(2)], name="Kantor B 2024", year=2024
    )
    period_publish(actor=other_operator, period=theirs, publish=True)
    html = client.get(reverse("surveys:public_results"), {"kantor": other_office.code})
    text = html.content.decode()
    assert "Kantor B 2024" in text
    assert "Kantor A 2024" not in text


@pytest.mark.parametrize("code", ["x" * 500, "16.71'--", ""])
def test_public_page_never_fails_on_odd_office_codes(client, db, code):
    response = client.get(reverse("surveys:public_results"), {"kantor": code})
    assert response.status_code == 200


def test_unknown_or_malformed_office_code_shows_no_periods(client, operator, office, answer_all):
    period = publish_with(operator, office, [answer_all(4)], name="Tahun 2024", year=2024)
    period_publish(actor=operator, period=period, publish=True)
    for code in ("99.99", "16.71.99"):
        html = client.get(reverse("surveys:public_results"), {"kantor": code}).content.decode()
        assert "Tahun 2024" not in html
