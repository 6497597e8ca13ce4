"""Figures an upper app registers appear beside their element on the results page."""

from __future__ import annotations

from django.urls import reverse

from pencaker.surveys import companions


def test_a_registered_source_is_shown_for_its_office_and_period(operator_client, period):
    seen: list[tuple] = []

    def source(office, start, end):
        seen.append((office, start, end))
        return [companions.Companion("U9", "Pengaduan periode ini", ["Diterima: 7"])]

    companions.result_companion_register(source)
    companions.result_companion_register(source)  # registering twice adds it once
    try:
        html = operator_client.get(reverse("surveys:results", kwargs={"pk": period.pk})).content
    finally:
        companions._SOURCES.remove(source)
    assert seen == [(period.office, period.start_date, period.end_date)]
    assert "U9 — Pengaduan periode ini".encode() in html
    assert b"Diterima: 7" in html


def test_without_sources_the_page_shows_no_companion_block(operator_client, period):
    html = operator_client.get(reverse("surveys:results", kwargs={"pk": period.pk})).content
    assert b'id="companion-1"' not in html
