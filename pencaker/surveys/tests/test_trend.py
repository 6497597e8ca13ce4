"""The trend chart: geometry, and the results page showing the same data as SVG and table."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.urls import reverse

from pencaker.surveys import trend_chart
from pencaker.surveys.choices import Channel
from pencaker.surveys.services import Profile, period_create, response_record


def test_chart_spans_the_whole_scale_and_orders_points_left_to_right():
    chart = trend_chart.build(
        [("Q1", Decimal("25.00")), ("Q2", None), ("Q3", Decimal("100.00")), ("Q4", Decimal("62.5"))]
    )
    xs = [p.x for p in chart.points]
    assert xs == sorted(xs)
    assert chart.points[0].y == chart.bottom_edge
    assert chart.points[2].y == chart.top
    assert chart.points[1].y is None  # a period without an index keeps its place, no point
    assert [p.grade for p in chart.points] == ["D", None, "A", "D"]
    assert len(chart.polyline.split()) == 3
    assert [b.text for b in chart.bands] == ["A", "B", "C"]
    assert chart.bands[0].y < chart.bands[1].y < chart.bands[2].y


def test_chart_without_any_index_has_no_data_and_long_names_are_shortened():
    chart = trend_chart.build([("Triwulan IV Tahun Anggaran 2026", None)])
    assert not chart.has_data
    assert chart.points[0].label.endswith("…")
    assert len(chart.points[0].label) <= trend_chart.LABEL_CHARS
    assert not trend_chart.build([]).has_data


def record(operator, office, answers, day):
    response_record(
        actor=operator,
        office=office,
        channel=Channel.PAPER,
        answers=answers,
        profile=Profile(survey_date=day),
    )


def test_results_page_draws_the_trend_as_an_accessible_svg_and_a_table(
    operator_client, operator, office, answer_all
):
    first = period_create(
        actor=operator,
        office=office,
        name="Triwulan I 2025",
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2025, 3, 31),
    )
    second = period_create(
        actor=operator,
        office=office,
        name="Triwulan II 2025",
        start_date=dt.date(2025, 4, 1),
        end_date=dt.date(2025, 6, 30),
    )
    empty = period_create(
        actor=operator,
        office=office,
        name="Triwulan III 2025",
        start_date=dt.date(2025, 7, 1),
        end_date=dt.date(2025, 9, 30),
    )
    record(operator, office, answer_all(3), dt.date(2025, 2, 1))  # 75,00 C
    record(operator, office, answer_all(4), dt.date(2025, 5, 1))  # 100,00 A

    html = operator_client.get(reverse("surveys:results", kwargs={"pk": second.pk})).content
    html = html.decode()
    svg = re.search(r"<svg[^>]*role=\"img\".*?</svg>", html, re.S)
    assert svg is not None
    svg_text = svg.group(0)
    assert 'aria-labelledby="trend-title trend-desc"' in svg_text
    assert '<title id="trend-title">' in svg_text
    desc = re.search(r"<desc id=\"trend-desc\">(.*?)</desc>", svg_text, re.S).group(1)
    assert "Triwulan I 2025: 75,00 (C)" in desc
    assert "Triwulan II 2025: 100,00 (A)" in desc
    assert "Triwulan III 2025: belum ada indeks" in desc
    assert svg_text.count("<circle") == 2
    assert "style=" not in svg_text  # CSP: no inline styles
    # coordinates are never localised (a decimal comma would break the drawing)
    assert re.search(r'cx="\d+(\.\d+)?"', svg_text)
    table = html[html.index("<table", svg.end()) :]
    for period in (first, second, empty):
        assert period.name in table
    assert "75,00" in table and "100,00" in table


def test_trend_shows_only_the_own_office(
    operator_client, operator, office, other_office, user_factory, period
):
    from pencaker.accounts.models import Role

    stranger = user_factory(role=Role.OPERATOR, office=other_office)
    period_create(
        actor=stranger,
        office=other_office,
        name="Periode kantor lain",
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2025, 3, 31),
    )
    html = operator_client.get(reverse("surveys:results", kwargs={"pk": period.pk})).content
    assert b"Periode kantor lain" not in html
    assert period.name.encode() in html
