"""A card's dates are the office's local dates (ADR 0031): a card decided at 00:30 WIT on
1 March in Jayapura is dated 1 March (it is still 28 February in Jakarta)."""

from __future__ import annotations

import datetime as dt
import subprocess
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from pencaker.applications.models import Application
from pencaker.cards.services import card_issue

pytestmark = pytest.mark.django_db

WIT = ZoneInfo("Asia/Jayapura")
DECIDED = dt.datetime(2026, 3, 1, 0, 30, tzinfo=WIT)  # 28 February 22:30 WIB


def _pdf_text(card) -> str:
    with card.pdf.open("rb") as handle:
        content = handle.read()
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return result.stdout.decode()


@pytest.mark.parametrize(
    ("zone", "issued_on", "printed"),
    [
        ("Asia/Jayapura", dt.date(2026, 3, 1), "1 Maret 2026"),
        ("Asia/Makassar", dt.date(2026, 2, 28), "28 Februari 2026"),
        ("Asia/Jakarta", dt.date(2026, 2, 28), "28 Februari 2026"),
    ],
)
def test_the_card_is_dated_in_the_office_time_zone(
    zone, issued_on, printed, application_factory, operator, office
):
    office.time_zone = zone
    office.save(update_fields=["time_zone"])
    made = application_factory()
    Application.objects.filter(pk=made.pk).update(decided_at=DECIDED)
    application = Application.objects.select_related("office").get(pk=made.pk)
    with translation.override("id"):
        card = card_issue(application=application, actor=operator)
    assert card.issued_on == issued_on
    assert card.number.split("-")[1] == "2026"
    text = _pdf_text(card)
    assert printed in text
