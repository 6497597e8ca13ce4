"""The done-when journeys with a controlled clock (every step passes its day).

Holder A: card issued 15 Jan 2025 -> reports 1 (online), 2 (counter), 3 (online) ->
placement. Holder B: same issue day -> no report -> reminded before and after the window
-> removed after the grace period. The daily command runs TWICE on every day it runs, and
each reminder must exist exactly once.

Default rules: window 30 days before/after the due date, removal 60 days after the window.
Report 1 is due 15 Jul 2025: window 15 Jun - 14 Aug; removal from 14 Oct 2025.
"""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from django.core.management import call_command

from pencaker.cards.choices import CardStatus
from pencaker.cards.models import Card
from pencaker.core.errors import Conflict
from pencaker.lifecycle.choices import EventKind
from pencaker.lifecycle.models import Placement, Report, SeekerEvent
from pencaker.lifecycle.services import PlacementInput, placement_record, report_record
from pencaker.notifications.models import Notification

D = dt.date


def run_daily(day: dt.date, capture) -> None:
    for _run in range(2):
        with capture(execute=True):
            call_command("lifecycle_daily", "--today", day.isoformat(), stdout=_Sink())


class _Sink:
    def write(self, _text):
        return None

    def flush(self):
        return None


def pdf_text(card: Card) -> str:
    card.refresh_from_db()
    assert card.has_pdf, f"{card} has no PDF"
    with card.pdf.open("rb") as handle:
        content = handle.read()
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return " ".join(done.stdout.decode().split())


def reminders(holder, kind: str) -> list[tuple[str, str]]:
    return sorted(
        Notification.objects.filter(
            kind=f"lifecycle.{kind}", recipient__in=[holder.email, holder.phone]
        ).values_list("channel", "dedupe_key")
    )


def current(holder) -> Card:
    return Card.objects.exclude(status=CardStatus.SUPERSEDED).get(holder=holder)


@pytest.fixture
def holder_b(holder_factory):
    return holder_factory(full_name="Andi Saputra", sex="M", birth_date=dt.date(1990, 6, 1))


def test_holder_reports_three_times_then_is_placed(
    issue_card, holder, operator, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    card = issue_card(holder)
    number = card.number

    # Before the window nothing is sent; the day it opens one reminder per channel.
    run_daily(D(2025, 6, 14), capture)
    assert reminders(holder, "report_due") == []
    run_daily(D(2025, 6, 15), capture)
    run_daily(D(2025, 6, 16), capture)
    assert [c for c, _k in reminders(holder, "report_due")] == ["email", "sms"]

    # Report 1 online: still seeking.
    with capture(execute=True):
        report_record(actor=holder, card_number=number, outcome="seeking", today=D(2025, 6, 20))
    v2 = current(holder)
    assert (v2.version, v2.status, v2.issued_on) == (2, CardStatus.ACTIVE, D(2025, 1, 15))
    assert Card.objects.get(number=number, version=1).status == CardStatus.SUPERSEDED
    assert v2.data["reports"] == [
        {"n": 1, "date": "2025-06-20", "officer": "Dilaporkan daring oleh pemegang kartu"}
    ]
    text = pdf_text(v2)
    assert "20 Juni 2025" in text and "Dilaporkan daring" in text

    # After reporting, no overdue reminder for report 1.
    run_daily(D(2025, 8, 20), capture)
    assert reminders(holder, "report_overdue") == []

    # Report 2 at the counter, recorded by the operator.
    run_daily(D(2025, 12, 16), capture)
    assert len(reminders(holder, "report_due")) == 4
    with capture(execute=True):
        report_record(actor=operator, card_number=number, outcome="seeking", today=D(2026, 1, 10))
    v3 = current(holder)
    assert v3.version == 3
    assert [r["n"] for r in v3.data["reports"]] == [1, 2]
    assert v3.data["reports"][1]["officer"] == "Budi Petugas"
    assert Report.objects.get(card_number=number, number=2).channel == "counter"
    text = pdf_text(v3)
    assert "10 Januari 2026" in text and "Budi Petugas" in text and "20 Juni 2025" in text

    # Report 3 online.
    run_daily(D(2026, 6, 15), capture)
    run_daily(D(2026, 6, 15), capture)
    assert len(reminders(holder, "report_due")) == 6
    with capture(execute=True):
        report_record(actor=holder, card_number=number, outcome="seeking", today=D(2026, 7, 1))
    assert current(holder).version == 4

    # A fourth report is refused: there is none.
    with pytest.raises(Conflict) as refused:
        report_record(actor=holder, card_number=number, outcome="seeking", today=D(2026, 7, 2))
    assert refused.value.code == "no_report_due"

    # Placement by the holder.
    with capture(execute=True):
        placement_record(
            actor=holder,
            card_number=number,
            placement=PlacementInput(
                employer="PT Sriwijaya Makmur",
                position="Staf gudang",
                sector="trade",
                start_date=D(2026, 9, 1),
                area="AKL",
            ),
            today=D(2026, 9, 3),
        )
    v5 = current(holder)
    assert (v5.version, v5.status) == (5, CardStatus.PLACED)
    text = pdf_text(v5)
    assert "PT Sriwijaya Makmur" in text and "1 September 2026" in text
    assert "10 Januari 2026" in text and "1 Juli 2026" in text
    assert Placement.objects.get(holder=holder).source == "holder"

    # Thanked once (email + SMS) with a survey link; the card is no longer reminded or expired.
    thanks = Notification.objects.filter(kind="lifecycle.placement_thanks")
    assert thanks.count() == 2
    assert all("/survei/" in n.body for n in thanks)
    run_daily(D(2027, 2, 1), capture)
    assert current(holder).status == CardStatus.PLACED

    events = list(
        SeekerEvent.objects.filter(holder=holder).values_list(
            "kind", "occurred_on", "placement_area"
        )
    )
    assert events == [
        (EventKind.REGISTERED, D(2025, 1, 15), ""),
        (EventKind.REPORTED, D(2025, 6, 20), ""),
        (EventKind.REPORTED, D(2026, 1, 10), ""),
        (EventKind.REPORTED, D(2026, 7, 1), ""),
        (EventKind.PLACED, D(2026, 9, 3), "AKL"),
    ]
    # Every reminder exactly once: 3 reports x 2 channels, no overdue ones.
    assert len(set(reminders(holder, "report_due"))) == len(reminders(holder, "report_due")) == 6
    assert reminders(holder, "report_overdue") == []


def test_holder_who_misses_a_report_is_reminded_then_removed(
    issue_card, holder_b, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    card = issue_card(holder_b)

    run_daily(D(2025, 6, 15), capture)  # window opens: "due" reminder
    run_daily(D(2025, 8, 14), capture)  # last day of the window: nothing new
    assert len(reminders(holder_b, "report_due")) == 2
    assert reminders(holder_b, "report_overdue") == []
    run_daily(D(2025, 8, 15), capture)  # window closed: "overdue" reminder
    run_daily(D(2025, 9, 30), capture)
    overdue = Notification.objects.filter(kind="lifecycle.report_overdue")
    assert overdue.count() == 2
    assert all("13 Oktober 2025" in n.body for n in overdue)  # last day before removal

    run_daily(D(2025, 10, 13), capture)
    card.refresh_from_db()
    assert card.status == CardStatus.ACTIVE

    run_daily(D(2025, 10, 14), capture)  # grace period over: removed, told once
    card.refresh_from_db()
    assert card.status == CardStatus.REMOVED
    assert "report 1 due 2025-07-15 not made" in card.history.last().note
    assert Notification.objects.filter(kind="lifecycle.card_removed").count() == 2
    run_daily(D(2025, 10, 15), capture)
    assert Notification.objects.filter(kind="lifecycle.card_removed").count() == 2

    events = list(SeekerEvent.objects.filter(holder=holder_b).values_list("kind", "occurred_on"))
    assert events == [(EventKind.REGISTERED, D(2025, 1, 15)), (EventKind.REMOVED, D(2025, 10, 14))]
    removed = SeekerEvent.objects.get(holder=holder_b, kind=EventKind.REMOVED)
    assert (removed.sex, removed.age_group) == ("M", "30-44")

    with pytest.raises(Conflict) as refused:
        report_record(
            actor=holder_b, card_number=card.number, outcome="seeking", today=D(2025, 10, 20)
        )
    assert refused.value.code == "card_not_active"
    assert len(reminders(holder_b, "report_due")) == 2
    assert len(reminders(holder_b, "report_overdue")) == 2
